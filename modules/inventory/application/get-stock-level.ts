import type { Knex } from 'knex';
import { InventoryErrors } from '../domain/inventory.errors';
import { findStockItem } from '../infrastructure/stock-item.repository';
import { toStockAvailabilityView, toStockItemView, type StockAvailabilityView, type StockItemView } from './stock-views';

async function requiredStockItem(db: Knex, productId: string) {
  const item = await findStockItem(db, productId.toLowerCase());
  if (!item) throw InventoryErrors.stockItemNotFound(productId);
  return item;
}

/** Whether a product can be ordered, as anyone may see it. */
export async function getStockAvailability(db: Knex, productId: string): Promise<StockAvailabilityView> {
  return toStockAvailabilityView(await requiredStockItem(db, productId));
}

/** A product's stock item with its counts, for admins. */
export async function getStockItem(db: Knex, productId: string): Promise<StockItemView> {
  return toStockItemView(await requiredStockItem(db, productId));
}
