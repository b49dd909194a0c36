import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { isUuid } from '../../../src/validation/uuid';
import { ProductErrors } from './products.errors';

export const PRODUCT_SORTS = ['-createdAt', 'price', '-price', 'name'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The sort key and id of the last product on a page; the next page starts strictly after it. */
export interface CursorPosition {
  sort: ProductSort;
  key: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return encodeOpaqueCursor([position.sort, position.key, position.id]);
}

/** Reads a cursor made by `encodeCursor` for the same sort order; anything else is a client error. */
export function decodeCursor(cursor: string, sort: ProductSort): CursorPosition {
  const decoded = decodeOpaqueCursor(cursor);
  if (!Array.isArray(decoded) || decoded.length !== 3) throw ProductErrors.invalidCursor();
  const [cursorSort, key, id] = decoded as unknown[];
  if (cursorSort !== sort || typeof id !== 'string' || !isUuid(id) || !isKeyFor(sort, key)) {
    throw ProductErrors.invalidCursor();
  }
  return { sort, key, id };
}

function isKeyFor(sort: ProductSort, key: unknown): key is string | number {
  switch (sort) {
    case 'price':
    case '-price':
      return typeof key === 'number' && Number.isSafeInteger(key) && key >= 0;
    case 'name':
      return typeof key === 'string';
    case '-createdAt':
      return typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(key) && !Number.isNaN(Date.parse(key));
  }
}
