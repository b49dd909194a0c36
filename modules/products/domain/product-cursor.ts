import { Keyset, type KeyKind } from '../../../src/paging/keyset';
import { ProductErrors } from './products.errors';

export const PRODUCT_SORTS = ['-createdAt', 'price', '-price', 'name'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The sort key and id of the last product on a page; the next page starts strictly after it. */
export interface CursorPosition {
  sort: ProductSort;
  key: Date | number | string;
  id: string;
}

// One list per sort order: a cursor made for one order is not a position in another.
const KEYSETS: Record<ProductSort, Keyset<readonly [KeyKind, 'uuid']>> = {
  '-createdAt': new Keyset('products:-createdAt', ['timestamp', 'uuid'] as const),
  price: new Keyset('products:price', ['integer', 'uuid'] as const),
  '-price': new Keyset('products:-price', ['integer', 'uuid'] as const),
  name: new Keyset('products:name', ['text', 'uuid'] as const),
};

/** The list of products in one sort order, for paging it. */
export function productKeyset(sort: ProductSort): Keyset<readonly [KeyKind, 'uuid']> {
  return KEYSETS[sort];
}

export function encodeCursor(position: CursorPosition): string {
  return KEYSETS[position.sort].cursor([position.key, position.id]);
}

/** Reads a cursor made by `encodeCursor` for the same sort order; anything else is a client error. */
export function decodeCursor(cursor: string, sort: ProductSort): CursorPosition {
  const position = KEYSETS[sort].position(cursor) as [Date | number | string, string] | undefined;
  if (!position || (typeof position[0] === 'number' && position[0] < 0)) throw ProductErrors.invalidCursor();
  return { sort, key: position[0], id: position[1] };
}
