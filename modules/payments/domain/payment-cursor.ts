import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { isUuid } from '../../../src/validation/uuid';
import type { Payment } from './payment';
import { PaymentErrors } from './payments.errors';

/** Payments are listed newest first by (createdAt, id). */
export interface PaymentPosition {
  createdAt: Date;
  id: string;
}

export function encodePaymentCursor(payment: Pick<Payment, 'createdAt' | 'id'>): string {
  return encodeOpaqueCursor([payment.createdAt.toISOString(), payment.id]);
}

export function decodePaymentCursor(cursor: string): PaymentPosition {
  const position = decodeOpaqueCursor(cursor);
  if (Array.isArray(position)) {
    const [createdAt, id] = position as unknown[];
    const at = new Date(String(createdAt));
    if (typeof createdAt === 'string' && !Number.isNaN(at.getTime()) && isUuid(id)) return { createdAt: at, id };
  }
  throw PaymentErrors.invalidCursor();
}
