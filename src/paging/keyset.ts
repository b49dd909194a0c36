import { isUuid } from '../validation/uuid';

/** What one value of a list's sort key is: a point in time, an id, a whole number or a piece of text. */
export type KeyKind = 'timestamp' | 'uuid' | 'integer' | 'text';

type KeyValue<K extends KeyKind> = K extends 'timestamp' ? Date : K extends 'integer' ? number : string;

/** The sort key of the last item of a page, one value per kind, the item's id last so the key is unique. */
export type Position<K extends readonly KeyKind[]> = { -readonly [I in keyof K]: KeyValue<K[I]> };

export interface Page<T> {
  items: T[];
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

/** The sort key of lists shown newest first: (createdAt, id), compared as a row: `(created_at, id) < (?, ?)`. */
export const NEWEST_FIRST = ['timestamp', 'uuid'] as const;
export type NewestFirstPosition = Position<typeof NEWEST_FIRST>;

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The one cursor format of every list: `[list, ...position]` as JSON, base64url-encoded, opaque to clients.
 * The list's name scopes a cursor to the list (and sort order) that made it: any other cursor reads as none.
 */
export class Keyset<K extends readonly KeyKind[]> {
  constructor(
    private readonly list: string,
    private readonly kinds: K,
  ) {}

  cursor(position: Position<K>): string {
    const values = (position as unknown[]).map((value) => (value instanceof Date ? value.toISOString() : value));
    return Buffer.from(JSON.stringify([this.list, ...values]), 'utf8').toString('base64url');
  }

  /** Where a page starts: nowhere without a cursor, after the cursor's position, or `invalid()` for a cursor not of this list. */
  after(cursor: string | undefined, invalid: () => Error): Position<K> | undefined {
    if (cursor === undefined) return undefined;
    const position = this.position(cursor);
    if (position === undefined) throw invalid();
    return position;
  }

  /** The position a cursor of this list holds, or undefined for anything else. */
  position(cursor: string): Position<K> | undefined {
    const decoded = parse(cursor);
    if (!Array.isArray(decoded) || decoded.length !== this.kinds.length + 1 || decoded[0] !== this.list) return undefined;
    const values = this.kinds.map((kind, index) => keyValue(kind, decoded[index + 1]));
    return values.includes(undefined) ? undefined : (values as Position<K>);
  }

  /**
   * A page of at most `limit` items: `read` is asked for one row more than that, which only tells whether
   * another page follows.
   */
  async page<T>(limit: number, read: (rowsToRead: number) => Promise<T[]>, positionOf: (last: T) => Position<K>): Promise<Page<T>> {
    const rows = await read(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last !== undefined ? this.cursor(positionOf(last)) : null };
  }
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function keyValue(kind: KeyKind, value: unknown): Date | number | string | undefined {
  switch (kind) {
    case 'timestamp':
      return typeof value === 'string' && ISO_MILLIS.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;
    case 'uuid':
      return isUuid(value) ? value.toLowerCase() : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : undefined;
  }
}
