import type { Knex } from 'knex';
import type { ProductSort } from '../domain/product-cursor';
import type { Product } from '../domain/product';
import type { ProductListQuery } from '../domain/product-list-query';
import { PRODUCT_COLUMNS, ProductModel } from './product.model';

const ORDERING: Record<ProductSort, { column: string; direction: 'asc' | 'desc' }> = {
  '-createdAt': { column: 'created_at', direction: 'desc' },
  price: { column: 'price_cents', direction: 'asc' },
  '-price': { column: 'price_cents', direction: 'desc' },
  name: { column: 'name', direction: 'asc' },
};

const SEARCH_CONFIG = 'english';

/** Up to `rows` listed (not archived) products in keyset order, after the query's position. */
export async function findListedProducts(db: Knex, query: ProductListQuery, rows: number): Promise<Product[]> {
  const { column, direction } = ORDERING[query.sort];
  const builder = ProductModel.query(db).select(PRODUCT_COLUMNS).whereNull('archived_at');
  if (query.search) {
    builder.whereRaw('search_document @@ websearch_to_tsquery(?::regconfig, ?)', [SEARCH_CONFIG, query.search]);
  }
  if (query.category) builder.where('category', query.category);
  if (query.minPrice !== undefined) builder.where('price_cents', '>=', query.minPrice);
  if (query.maxPrice !== undefined) builder.where('price_cents', '<=', query.maxPrice);
  if (query.inStock !== undefined) builder.where('in_stock', query.inStock);
  if (query.options.length > 0) {
    const hasValue = `exists (select 1 from product_option_values ov join product_options o on o.id = ov.option_id
                               where ov.id = any(v.option_value_ids) and lower(o.name) = lower(?) and lower(ov.value) = lower(?))`;
    builder.whereRaw(
      `exists (select 1 from variants v where v.product_id = products.id and v.archived_at is null and ${query.options.map(() => hasValue).join(' and ')})`,
      query.options.flatMap(({ option, value }) => [option, value]),
    );
  }
  if (query.after) {
    const comparison = direction === 'asc' ? '>' : '<';
    builder.whereRaw(`(??, id) ${comparison} (?, ?::uuid)`, [column, query.after.key, query.after.id]);
  }
  const found = await builder.orderBy([
    { column, order: direction },
    { column: 'id', order: direction },
  ]).limit(rows);
  return found.map((row) => row.toProduct());
}

export function sortKeyOf(product: Product, sort: ProductSort): Date | number | string {
  switch (sort) {
    case '-createdAt':
      return product.createdAt;
    case 'price':
    case '-price':
      return product.priceCents;
    case 'name':
      return product.name;
  }
}

export async function countListedProductsByCategory(db: Knex): Promise<{ category: string; productCount: number }[]> {
  const rows: { category: string; product_count: number }[] = await db('products')
    .whereNull('archived_at')
    .groupBy('category')
    .orderBy('category')
    .select('category')
    .count({ product_count: '*' });
  return rows.map((row) => ({ category: row.category, productCount: Number(row.product_count) }));
}
