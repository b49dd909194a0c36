import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { Keyset, NEWEST_FIRST, type Page } from '../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import type { Payment } from '../domain/payment';
import { PaymentErrors } from '../domain/payments.errors';
import { listPayments as queryPayments } from '../infrastructure/payment.repository';

export interface ListPaymentsQuery {
  orderId?: string;
  limit?: number;
  cursor?: string;
}

const PAYMENTS = new Keyset('payments', NEWEST_FIRST);

/** Newest first, keyset-paginated; customers see only their own payments, admins everyone's. */
export async function listPayments(db: Knex, caller: Principal, query: ListPaymentsQuery): Promise<Page<Payment>> {
  if (query.orderId !== undefined && !isUuid(query.orderId)) throw PaymentErrors.invalidOrderId();
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw PaymentErrors.invalidLimit(limitProblem);
  const after = PAYMENTS.after(query.cursor, PaymentErrors.invalidCursor);
  const customerId = caller.role === 'admin' ? undefined : caller.userId;
  return PAYMENTS.page(
    pageSize(query.limit),
    (rows) => queryPayments(db, { customerId, orderId: query.orderId }, after, rows),
    (payment) => [payment.createdAt, payment.id],
  );
}
