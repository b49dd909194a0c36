import type { Knex } from 'knex';
import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from '../domain/inventory.errors';
import { DEFAULT_LOCATION_CODE } from '../domain/stock-location';
import { deleteLocation, lockLocation, locationUsage } from '../infrastructure/stock-location.repository';

/**
 * Deletes a location nothing was ever kept at. One that holds stock or has stock history is refused (deactivate
 * it): the audit trail names it. Stock moving there at the same moment holds the location (a share lock), so it
 * is either seen here or waits until the location is gone and then fails.
 */
export async function deleteStockLocation(db: Knex, locationId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const location = isUuid(locationId) ? await lockLocation(trx, locationId.toLowerCase()) : undefined;
    if (!location) throw InventoryErrors.locationNotFound(locationId);
    if (location.code === DEFAULT_LOCATION_CODE) throw InventoryErrors.locationInUse('it is the default location');
    const usage = await locationUsage(trx, location.id);
    if (usage.holdsStock) throw InventoryErrors.locationInUse('stock is on hand or reserved there');
    if (usage.hasHistory) throw InventoryErrors.locationInUse('stock adjustments were recorded there');
    await deleteLocation(trx, location.id);
  });
}
