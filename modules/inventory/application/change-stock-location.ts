import type { Knex } from 'knex';
import { isUniqueViolation } from '../../../src/db/database';
import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from '../domain/inventory.errors';
import { DEFAULT_LOCATION_CODE, validateLocation, type StockLocationInput } from '../domain/stock-location';
import { lockLocation, updateLocation } from '../infrastructure/stock-location.repository';
import { toStockLocationView, type StockLocationView } from './stock-location-view';

/**
 * Renames, moves, re-prioritises or (de)activates a location. Deactivating it keeps what is reserved there (those
 * orders are still filled from it) but allocates nothing new to it. The default location keeps its code.
 */
export async function changeStockLocation(db: Knex, locationId: string, input: StockLocationInput): Promise<StockLocationView> {
  const changes = validateLocation(input, false);
  try {
    return await db.transaction(async (trx) => {
      const current = isUuid(locationId) ? await lockLocation(trx, locationId.toLowerCase()) : undefined;
      if (!current) throw InventoryErrors.locationNotFound(locationId);
      if (current.code === DEFAULT_LOCATION_CODE && changes.code !== undefined && changes.code !== current.code) {
        throw InventoryErrors.invalidLocation([{ field: 'code', message: 'the default location keeps its code' }]);
      }
      return toStockLocationView(await updateLocation(trx, current.id, changes));
    });
  } catch (error) {
    if (isUniqueViolation(error, 'stock_locations_code_unique')) throw InventoryErrors.locationCodeTaken(changes.code ?? '');
    throw error;
  }
}
