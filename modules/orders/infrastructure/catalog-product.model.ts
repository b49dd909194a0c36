import { Model, snakeCaseMappers } from 'objection';

/** A product as the orders module last heard of it (event-carried state from ProductStream). */
export class CatalogProductModel extends Model {
  static override tableName = 'catalog';
  static override idColumn = 'product_id';
  static override columnNameMappers = snakeCaseMappers();

  declare productId: string;
  declare sku: string;
  declare name: string;
  declare priceCents: number | null;
  declare currency: string | null;
  declare archived: boolean;
  declare version: number;
  declare updatedAt: Date;
}
