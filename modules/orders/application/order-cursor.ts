import { invalid } from '../../../src/errors/domain-error';
import { OrderErrors } from '../domain/orders.errors';
import type { OrderPosition } from '../infrastructure/order-list-query';
import { isUuid } from '../infrastructure/order-repository';

/** An opaque keyset cursor: the position (creation time, id) of the last order of a page. */
export function encodeCursor(position: OrderPosition): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.toISOString(), id: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): OrderPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const { t, id } = parsed as { t?: unknown; id?: unknown };
    if (typeof t === 'string' && typeof id === 'string' && isUuid(id)) {
      const createdAt = new Date(t);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id };
    }
  } catch {
    // reported below like any other malformed cursor
  }
  throw invalid(OrderErrors.INVALID_CURSOR, 'The cursor is not one this API returned', [{ field: 'cursor', message: 'is malformed' }]);
}
