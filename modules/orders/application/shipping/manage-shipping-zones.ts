import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../../../../src/validation/uuid';
import { OrderErrors } from '../../domain/orders.errors';
import { validateZone, type ShippingZone, type ShippingZoneInput } from '../../domain/shipping/shipping-option';
import { deleteZone, findShippingSetup, findZone, insertZone, updateZone } from '../../infrastructure/shipping/shipping.repository';

/** Admins' shipping zones (a shop has a handful: no paging). Orders keep what they froze of a zone's options. */
export async function listShippingZones(db: Knex): Promise<ShippingZone[]> {
  return (await findShippingSetup(db)).zones;
}

export async function getShippingZone(db: Knex, id: string): Promise<ShippingZone> {
  const zone = isUuid(id) ? await findZone(db, id.toLowerCase()) : undefined;
  if (!zone) throw OrderErrors.shippingZoneNotFound(id);
  return zone;
}

export async function createShippingZone(db: Knex, input: ShippingZoneInput): Promise<ShippingZone> {
  const zone = validateZone(input, true) as Omit<ShippingZone, 'id'>;
  return insertZone(db, { id: randomUUID(), ...zone });
}

export async function changeShippingZone(db: Knex, id: string, input: ShippingZoneInput): Promise<ShippingZone> {
  const changes = validateZone(input, false);
  const zone = isUuid(id) ? await updateZone(db, id.toLowerCase(), changes) : undefined;
  if (!zone) throw OrderErrors.shippingZoneNotFound(id);
  return zone;
}

/** Deletes a zone with its options; carts that chose one of them are asked to choose again. */
export async function deleteShippingZone(db: Knex, id: string): Promise<void> {
  if (!isUuid(id) || !(await deleteZone(db, id.toLowerCase()))) throw OrderErrors.shippingZoneNotFound(id);
}
