import type { FieldProblem } from '../../../src/errors/domain-error';
import { decodeCursor, PRODUCT_SORTS, type CursorPosition, type ProductSort } from './product-cursor';
import { isAmountMinor } from './money';
import { ProductErrors } from './products.errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_SEARCH_LENGTH = 200;

export interface ListProductsInput {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface ProductListQuery {
  search?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: ProductSort;
  limit: number;
  after?: CursorPosition;
}

/** Turns the public query parameters into a checked query; every problem is reported at once. */
export function parseProductListQuery(input: ListProductsInput): ProductListQuery {
  const problems: FieldProblem[] = [];
  const sort = (input.sort ?? '-createdAt') as ProductSort;
  if (!PRODUCT_SORTS.includes(sort)) problems.push({ field: 'sort', message: `must be one of ${PRODUCT_SORTS.join(', ')}` });

  const limit = input.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    problems.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  for (const field of ['minPrice', 'maxPrice'] as const) {
    if (input[field] !== undefined && !isAmountMinor(input[field])) {
      problems.push({ field, message: 'must be a non-negative integer amount of minor units' });
    }
  }
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    problems.push({ field: 'minPrice', message: 'must not be greater than maxPrice' });
  }
  const search = blankToUndefined(input.q);
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) {
    problems.push({ field: 'q', message: `must be at most ${MAX_SEARCH_LENGTH} characters` });
  }
  if (problems.length > 0) throw ProductErrors.invalidQuery(problems);

  return {
    search,
    category: blankToUndefined(input.category),
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    sort,
    limit,
    after: input.cursor === undefined || input.cursor === '' ? undefined : decodeCursor(input.cursor, sort),
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
