import type { FieldProblem } from '../../../src/errors/domain-error';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { decodeCursor, PRODUCT_SORTS, type CursorPosition, type ProductSort } from './product-cursor';
import { isAmountMinor } from '../../../src/money/money';
import { ProductErrors } from './products.errors';

const MAX_SEARCH_LENGTH = 200;

export interface ListProductsInput {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  option?: string[];
  sort?: string;
  limit?: number;
  cursor?: string;
}

/** A live variant must have this value of this option (names and values compared case-insensitively). */
export interface OptionFilter {
  option: string;
  value: string;
}

const MAX_OPTION_FILTERS = 3;

export interface ProductListQuery {
  search?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  /** One live variant has all of these values. */
  options: OptionFilter[];
  sort: ProductSort;
  limit: number;
  after?: CursorPosition;
}

/** Turns the public query parameters into a checked query; every problem is reported at once. */
export function parseProductListQuery(input: ListProductsInput): ProductListQuery {
  const problems: FieldProblem[] = [];
  const sort = (input.sort ?? '-createdAt') as ProductSort;
  if (!PRODUCT_SORTS.includes(sort)) problems.push({ field: 'sort', message: `must be one of ${PRODUCT_SORTS.join(', ')}` });

  const limitProblem = pageSizeProblem(input.limit);
  if (limitProblem) problems.push(limitProblem);
  const limit = pageSize(input.limit);
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
  const options = (input.option ?? []).map((pair, index) => {
    const separator = pair.indexOf(':');
    const option = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (separator < 0 || option.length === 0 || value.length === 0) problems.push({ field: `option.${index}`, message: 'must be Option:Value, e.g. Size:M' });
    return { option, value };
  });
  if (options.length > MAX_OPTION_FILTERS) problems.push({ field: 'option', message: `at most ${MAX_OPTION_FILTERS} option filters` });
  if (problems.length > 0) throw ProductErrors.invalidQuery(problems);

  return {
    search,
    category: blankToUndefined(input.category),
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    options,
    sort,
    limit,
    after: input.cursor === undefined || input.cursor === '' ? undefined : decodeCursor(input.cursor, sort),
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
