import { percentOf } from '../../../../src/money/money';
import type { FieldProblem } from '../../../../src/errors/domain-error';
import { OrderErrors } from '../orders.errors';

export type PromotionKind = 'percentage' | 'fixed';

export interface Promotion {
  id: string;
  code: string;
  description: string | null;
  kind: PromotionKind;
  /** Percent (1–100) or minor units, by kind. */
  value: number;
  currency: string | null;
  minSubtotalCents: number | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
  timesUsed: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewPromotion {
  code: string;
  description?: string;
  kind: PromotionKind;
  value: number;
  currency?: string;
  minSubtotalCents?: number;
  usageLimit?: number;
  perCustomerLimit?: number;
  startsAt?: Date;
  endsAt?: Date;
}

const CODE = /^[A-Za-z0-9_-]{3,40}$/;

/** Every problem of a new promotion at once. */
export function newPromotionProblems(p: NewPromotion): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!CODE.test(p.code.trim())) problems.push({ field: 'code', message: 'must be 3 to 40 letters, digits, - or _' });
  if (p.kind === 'percentage' && (!Number.isInteger(p.value) || p.value < 1 || p.value > 100)) {
    problems.push({ field: 'value', message: 'must be a whole percentage from 1 to 100' });
  }
  if (p.kind === 'fixed') {
    if (!Number.isSafeInteger(p.value) || p.value <= 0) problems.push({ field: 'value', message: 'must be a positive amount of minor units' });
    if (!p.currency) problems.push({ field: 'currency', message: 'is required for a fixed discount' });
  }
  problems.push(...limitProblems(p));
  if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  return problems;
}

export function limitProblems(p: { usageLimit?: number | null; perCustomerLimit?: number | null; minSubtotalCents?: number | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
    const value = p[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 1)) problems.push({ field, message: 'must be a positive integer' });
  }
  if (p.minSubtotalCents !== undefined && p.minSubtotalCents !== null && (!Number.isSafeInteger(p.minSubtotalCents) || p.minSubtotalCents < 0)) {
    problems.push({ field: 'minSubtotalCents', message: 'must be a non-negative amount of minor units' });
  }
  return problems;
}

/** Refuses a promotion switched off, not started or ended, with the answer an unknown code gets. */
export function requireValidNow(promotion: Promotion, now: Date): void {
  const ended = promotion.endsAt !== null && now >= promotion.endsAt;
  if (!promotion.active || (promotion.startsAt && now < promotion.startsAt) || ended) throw OrderErrors.promotionNotValid(promotion.code);
}

/**
 * The discount a promotion gives an order, after checking that it applies: active, started, not ended, in the
 * order's currency, above its minimum, and with uses left for everyone and for this customer. Percentages round
 * half up to whole minor units. The discount never reaches the subtotal: an order keeps at least one minor unit
 * to pay (the saga takes every order through a card payment; free orders are not supported yet).
 */
export function discountFor(
  promotion: Promotion,
  order: { subtotalCents: number; currency: string; usesByCustomer: number; now: Date },
): number {
  requireValidNow(promotion, order.now);
  if (promotion.currency && promotion.currency !== order.currency) throw OrderErrors.promotionWrongCurrency(promotion.code, promotion.currency);
  if (promotion.minSubtotalCents !== null && order.subtotalCents < promotion.minSubtotalCents) {
    throw OrderErrors.promotionBelowMinimum(promotion.code, promotion.minSubtotalCents);
  }
  if (promotion.usageLimit !== null && promotion.timesUsed >= promotion.usageLimit) throw OrderErrors.promotionExhausted(promotion.code);
  if (promotion.perCustomerLimit !== null && order.usesByCustomer >= promotion.perCustomerLimit) {
    throw OrderErrors.promotionUsedByCustomer(promotion.code);
  }
  const raw = promotion.kind === 'percentage' ? percentOf(order.subtotalCents, promotion.value) : promotion.value;
  return Math.min(raw, order.subtotalCents - 1);
}
