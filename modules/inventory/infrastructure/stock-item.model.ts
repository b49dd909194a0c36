import { Model, snakeCaseMappers } from 'objection';
import type { StockItem } from '../domain/stock-item';

export class StockItemModel extends Model {
  static override tableName = 'stock_items';
  static override idColumn = 'variant_id';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  variantId!: string;
  productId!: string;
  sku!: string;
  onHand!: number;
  reserved!: number;
  lowStockThreshold!: number;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;

  toStockItem(): Omit<StockItem, 'levels'> {
    const { variantId, productId, sku, onHand, reserved, lowStockThreshold, version, createdAt, updatedAt } = this;
    return { variantId, productId, sku, onHand, reserved, lowStockThreshold, version, createdAt, updatedAt };
  }
}
