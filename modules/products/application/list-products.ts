import type { Knex } from 'knex';
import { productKeyset } from '../domain/product-cursor';
import { parseProductListQuery, type ListProductsInput } from '../domain/product-list-query';
import { findListedProducts, sortKeyOf } from '../infrastructure/product-listing.repository';
import { viewsOf, type ProductView } from './product-view';

export interface ProductPage {
  items: ProductView[];
  nextCursor: string | null;
}

export async function listProducts(db: Knex, input: ListProductsInput): Promise<ProductPage> {
  const query = parseProductListQuery(input);
  const page = await productKeyset(query.sort).page(
    query.limit,
    (rows) => findListedProducts(db, query, rows),
    (last): [Date | number | string, string] => [sortKeyOf(last, query.sort), last.id],
  );
  return { items: await viewsOf(db, page.items), nextCursor: page.nextCursor };
}
