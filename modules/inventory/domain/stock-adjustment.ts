import type { FieldProblem } from '../../../src/errors/domain-error';
import { InventoryErrors } from './inventory.errors';
import type { StockLevel } from './stock-level';

/** Reasons an admin gives for changing stock by hand. `return` is recorded by the system for cancelled paid orders. */
export const MANUAL_ADJUSTMENT_REASONS = ['restock', 'damage', 'correction'] as const;
export type ManualAdjustmentReason = (typeof MANUAL_ADJUSTMENT_REASONS)[number];
export type AdjustmentReason = ManualAdjustmentReason | 'return';

export const MAX_ADJUSTMENT = 1_000_000;
const MAX_NOTE_LENGTH = 500;

export interface AdjustmentRequest {
  delta: number;
  reason: string;
  note?: string | null;
}

export interface ValidAdjustment {
  delta: number;
  reason: ManualAdjustmentReason;
  note: string | null;
}

/** Restocks add, damage removes, corrections go either way; nothing is a zero or absurdly large move. */
export function validateAdjustment(request: AdjustmentRequest): ValidAdjustment {
  const problems: FieldProblem[] = [];
  const { delta, reason } = request;
  if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > MAX_ADJUSTMENT) {
    problems.push({ field: 'delta', message: `must be a non-zero integer between -${MAX_ADJUSTMENT} and ${MAX_ADJUSTMENT}` });
  }
  if (!(MANUAL_ADJUSTMENT_REASONS as readonly string[]).includes(reason)) {
    problems.push({ field: 'reason', message: `must be one of ${MANUAL_ADJUSTMENT_REASONS.join(', ')}` });
  } else if (reason === 'restock' && delta < 0) {
    problems.push({ field: 'delta', message: 'a restock must add stock (positive delta)' });
  } else if (reason === 'damage' && delta > 0) {
    problems.push({ field: 'delta', message: 'damage must remove stock (negative delta)' });
  }
  const note = request.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE_LENGTH) {
    problems.push({ field: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` });
  }
  if (problems.length > 0) throw InventoryErrors.invalidAdjustment(problems);
  return { delta, reason: reason as ManualAdjustmentReason, note };
}

/** The level after moving `delta` units on or off the shelf; stock promised to orders cannot be taken away. */
export function applyAdjustment(level: StockLevel, delta: number): StockLevel {
  const onHand = level.onHand + delta;
  if (onHand < level.reserved) throw InventoryErrors.insufficientStock(level, delta);
  return { onHand, reserved: level.reserved };
}
