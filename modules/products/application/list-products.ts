import type { Knex } from 'knex';
import { encodeCursor } from '../domain/product-cursor';
import { parseProductListQuery, type ListProductsInput } from '../domain/product-list-query';
import { findListedProducts, sortKeyOf } from '../infrastructure/product-listing.repository';
import { toProductView, type ProductView } from './product-view';

export interface ProductPage {
  items: ProductView[];
  nextCursor: string | null;
}

export async function listProducts(db: Knex, input: ListProductsInput): Promise<ProductPage> {
  const query = parseProductListQuery(input);
  const { products, hasMore } = await findListedProducts(db, query);
  const last = products.at(-1);
  return {
    items: products.map(toProductView),
    nextCursor: hasMore && last ? encodeCursor({ sort: query.sort, key: sortKeyOf(last, query.sort), id: last.id }) : null,
  };
}
