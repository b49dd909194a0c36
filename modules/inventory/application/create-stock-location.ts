import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../../src/db/database';
import { InventoryErrors } from '../domain/inventory.errors';
import { validateLocation, type StockLocationDetails, type StockLocationInput } from '../domain/stock-location';
import { insertLocation } from '../infrastructure/stock-location.repository';
import { toStockLocationView, type StockLocationView } from './stock-location-view';

const DEFAULT_PRIORITY = 100;

export async function createStockLocation(db: Knex, input: StockLocationInput): Promise<StockLocationView> {
  const details = validateLocation(input, true) as Omit<StockLocationDetails, 'priority' | 'active'> & Partial<StockLocationDetails>;
  try {
    return await db.transaction(async (trx) =>
      toStockLocationView(await insertLocation(trx, { id: randomUUID(), priority: DEFAULT_PRIORITY, active: true, ...details })),
    );
  } catch (error) {
    if (isUniqueViolation(error, 'stock_locations_code_unique')) throw InventoryErrors.locationCodeTaken(details.code);
    throw error;
  }
}
