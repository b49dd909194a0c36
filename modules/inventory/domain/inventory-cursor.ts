import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from './inventory.errors';

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Stock items are paged by product id. */
export function encodeProductCursor(productId: string): string {
  return encodeOpaqueCursor(['p', productId]);
}

export function decodeProductCursor(cursor: string): string {
  const [kind, productId] = decode(cursor, 2);
  if (kind !== 'p' || typeof productId !== 'string' || !isUuid(productId)) throw InventoryErrors.invalidCursor();
  return productId;
}

/** Adjustments are paged newest first by (createdAt, id). */
export function encodeAdjustmentCursor(position: { createdAt: string; id: string }): string {
  return encodeOpaqueCursor(['a', position.createdAt, position.id]);
}

export function decodeAdjustmentCursor(cursor: string): { createdAt: string; id: string } {
  const [kind, createdAt, id] = decode(cursor, 3);
  if (
    kind !== 'a' ||
    typeof createdAt !== 'string' ||
    !ISO_MILLIS.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt)) ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw InventoryErrors.invalidCursor();
  }
  return { createdAt, id };
}

export function checkPageSize(limit: number | undefined): number {
  const problem = pageSizeProblem(limit);
  if (problem) throw InventoryErrors.invalidQuery([problem]);
  return pageSize(limit);
}

function decode(cursor: string, length: number): unknown[] {
  const value = decodeOpaqueCursor(cursor);
  if (Array.isArray(value) && value.length === length) return value as unknown[];
  throw InventoryErrors.invalidCursor();
}
