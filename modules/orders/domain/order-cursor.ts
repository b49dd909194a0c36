import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { isUuid } from '../../../src/validation/uuid';
import { OrderErrors } from './orders.errors';

/** Orders are listed newest first by (createdAt, id). */
export interface OrderPosition {
  createdAt: Date;
  id: string;
}

/** An opaque keyset cursor: the position (creation time, id) of the last order of a page. */
export function encodeCursor(position: OrderPosition): string {
  return encodeOpaqueCursor({ t: position.createdAt.toISOString(), id: position.id });
}

export function decodeCursor(cursor: string): OrderPosition {
  const { t, id } = (decodeOpaqueCursor(cursor) ?? {}) as { t?: unknown; id?: unknown };
  if (typeof t === 'string' && typeof id === 'string' && isUuid(id)) {
    const createdAt = new Date(t);
    if (!Number.isNaN(createdAt.getTime())) return { createdAt, id };
  }
  throw OrderErrors.invalidCursor();
}
