import type { Knex } from 'knex';
import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from '../domain/inventory.errors';
import { findLocation, listLocations } from '../infrastructure/stock-location.repository';
import { toStockLocationView, type StockLocationView } from './stock-location-view';

/** Every stock location, by priority then code (a shop has a handful: no paging). */
export async function listStockLocations(db: Knex): Promise<StockLocationView[]> {
  return (await listLocations(db)).map(toStockLocationView);
}

export async function getStockLocation(db: Knex, locationId: string): Promise<StockLocationView> {
  const location = isUuid(locationId) ? await findLocation(db, locationId.toLowerCase()) : undefined;
  if (!location) throw InventoryErrors.locationNotFound(locationId);
  return toStockLocationView(location);
}
