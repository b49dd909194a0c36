import { Model, snakeCaseMappers } from 'objection';
import type { Product } from '../domain/product';

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

  toProduct(): Product {
    return {
      id: this.id,
      sku: this.sku,
      name: this.name,
      description: this.description,
      priceCents: this.priceCents,
      currency: this.currency,
      category: this.category,
      imageUrl: this.imageUrl,
      version: this.version,
      archivedAt: this.archivedAt,
      inStock: this.inStock,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }
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
