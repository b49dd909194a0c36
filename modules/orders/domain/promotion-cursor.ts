import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { isUuid } from '../../../src/validation/uuid';
import { OrderErrors } from './orders.errors';
import type { Promotion } from './promotion';

/** Promotions are listed newest first by (createdAt, id). */
export function encodePromotionCursor(promotion: Pick<Promotion, 'createdAt' | 'id'>): string {
  return encodeOpaqueCursor([promotion.createdAt.toISOString(), promotion.id]);
}

export function decodePromotionCursor(cursor: string): { createdAt: Date; id: string } {
  const position = decodeOpaqueCursor(cursor);
  if (Array.isArray(position) && typeof position[0] === 'string' && isUuid(position[1])) {
    const createdAt = new Date(position[0]);
    if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: position[1] };
  }
  throw OrderErrors.invalidCursor();
}
