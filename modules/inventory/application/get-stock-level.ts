import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { findStockItem } from '../infrastructure/stock-item.repository';
import { toStockAvailabilityView, toStockItemView, type StockAvailabilityView, type StockItemView } from './stock-views';

async function requiredStockItem(db: Knex, variantId: string) {
  const item = await findStockItem(db, variantId.toLowerCase());
  if (!item) throw InventoryErrors.stockItemNotFound(variantId);
  return item;
}

/** Whether a variant can be ordered, as anyone may see it. */
export async function getStockAvailability(db: Knex, variantId: string): Promise<StockAvailabilityView> {
  return toStockAvailabilityView(await requiredStockItem(db, variantId));
}

/** A variant's stock item with its counts (in sum and per location), for admins. */
export async function getStockItem(db: Knex, variantId: string): Promise<StockItemView> {
  return toStockItemView(await requiredStockItem(db, variantId));
}
