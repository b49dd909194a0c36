import type { Knex } from 'knex';
import { countListedProductsByCategory } from '../infrastructure/product-listing.repository';

export interface CategoryView {
  name: string;
  /** @isInt */
  productCount: number;
}

/** Categories that have listed products, with how many. */
export async function listCategories(db: Knex): Promise<CategoryView[]> {
  const counts = await countListedProductsByCategory(db);
  return counts.map(({ category, productCount }) => ({ name: category, productCount }));
}
