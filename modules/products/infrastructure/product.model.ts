import { Model, snakeCaseMappers } from 'objection';

export class ProductModel extends Model {
  static override tableName = 'products';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  id!: string;
  sku!: string;
  name!: string;
  description!: string;
  priceCents!: number;
  currency!: string;
  category!: string;
  imageUrl!: string | null;
  version!: number;
  archivedAt!: Date | null;
  inStock!: boolean;
  stockVersion!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

/** Every column but the search document, which only the database needs. */
export const PRODUCT_COLUMNS = [
  'id',
  'sku',
  'name',
  'description',
  'price_cents',
  'currency',
  'category',
  'image_url',
  'version',
  'archived_at',
  'in_stock',
  'stock_version',
  'created_at',
  'updated_at',
] as const;
