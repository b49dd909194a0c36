import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import type { Payment } from '../domain/payment';
import { decodePaymentCursor, encodePaymentCursor } from '../domain/payment-cursor';
import { PaymentErrors } from '../domain/payments.errors';
import { listPayments as queryPayments } from '../infrastructure/payment.repository';

export interface ListPaymentsQuery {
  orderId?: string;
  limit?: number;
  cursor?: string;
}

export interface PaymentPage {
  items: Payment[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated; customers see only their own payments, admins everyone's. */
export async function listPayments(db: Knex, caller: Principal, query: ListPaymentsQuery): Promise<PaymentPage> {
  if (query.orderId !== undefined && !isUuid(query.orderId)) throw PaymentErrors.invalidOrderId();
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw PaymentErrors.invalidLimit(limitProblem);
  const limit = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodePaymentCursor(query.cursor);
  const customerId = caller.role === 'admin' ? undefined : caller.userId;
  const rows = await queryPayments(db, { customerId, orderId: query.orderId }, after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePaymentCursor(last) : null };
}
