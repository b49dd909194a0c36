import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../../../../src/validation/uuid';
import { OrderErrors } from '../../domain/orders.errors';
import { validateShippingOption, type ShippingOption, type ShippingOptionInput } from '../../domain/shipping/shipping-option';
import { deleteOption, findOption, findShippingSetup, findZone, insertOption, updateOption } from '../../infrastructure/shipping/shipping.repository';

/** Every shipping option, or those of one zone. */
export async function listShippingOptions(db: Knex, zoneId?: string): Promise<ShippingOption[]> {
  const { options } = await findShippingSetup(db);
  return zoneId ? options.filter((option) => option.zoneId === zoneId.toLowerCase()) : options;
}

export async function getShippingOption(db: Knex, id: string): Promise<ShippingOption> {
  const option = isUuid(id) ? await findOption(db, id.toLowerCase()) : undefined;
  if (!option) throw OrderErrors.shippingOptionNotFound(id);
  return option;
}

export async function createShippingOption(db: Knex, input: ShippingOptionInput): Promise<ShippingOption> {
  const option = validateShippingOption(input, true) as Omit<ShippingOption, 'id' | 'zoneId'>;
  const zone = typeof input.zoneId === 'string' && isUuid(input.zoneId) ? await findZone(db, input.zoneId.toLowerCase()) : undefined;
  if (!zone) throw OrderErrors.invalidShipping([{ field: 'zoneId', message: 'must name a shipping zone' }]);
  return insertOption(db, { id: randomUUID(), zoneId: zone.id, ...option });
}

/** Changes an option; a price change reaches open carts, while orders keep the shipping they were sold with. */
export async function changeShippingOption(db: Knex, id: string, input: Omit<ShippingOptionInput, 'zoneId'>): Promise<ShippingOption> {
  const changes = validateShippingOption(input, false);
  const option = isUuid(id) ? await updateOption(db, id.toLowerCase(), changes) : undefined;
  if (!option) throw OrderErrors.shippingOptionNotFound(id);
  return option;
}

export async function deleteShippingOption(db: Knex, id: string): Promise<void> {
  if (!isUuid(id) || !(await deleteOption(db, id.toLowerCase()))) throw OrderErrors.shippingOptionNotFound(id);
}
