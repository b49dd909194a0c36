import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/access-tokens';
import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import { PaymentErrors } from '../domain/payments.errors';
import { PaymentModel } from '../infrastructure/payment.model';

export interface ListPaymentsQuery {
  orderId?: string;
  limit?: number;
  cursor?: string;
}

export interface PaymentPage {
  items: PaymentModel[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated; customers see only their own payments, admins everyone's. */
export class ListPayments {
  constructor(private readonly db: Knex) {}

  async execute(caller: Principal, query: ListPaymentsQuery): Promise<PaymentPage> {
    if (query.orderId !== undefined && !isUuid(query.orderId)) throw PaymentErrors.invalidOrderId();
    const limitProblem = pageSizeProblem(query.limit);
    if (limitProblem) throw PaymentErrors.invalidLimit(limitProblem);
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

    const payments = PaymentModel.query(this.db)
      .withGraphFetched('refunds(oldestFirst)')
      .modifiers({ oldestFirst: (q) => q.orderBy([{ column: 'created_at' }, { column: 'id' }]) })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    if (caller.role !== 'admin') payments.where('customer_id', caller.userId);
    if (query.orderId) payments.where('order_id', query.orderId);
    if (after) payments.whereRaw('(created_at, id) < (?, ?)', [after.createdAt, after.id]);

    const rows = await payments;
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

function encodeCursor(payment: PaymentModel): string {
  return encodeOpaqueCursor([payment.createdAt.toISOString(), payment.id]);
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const position = decodeOpaqueCursor(cursor);
  if (Array.isArray(position)) {
    const [createdAt, id] = position as unknown[];
    const at = new Date(String(createdAt));
    if (typeof createdAt === 'string' && !Number.isNaN(at.getTime()) && isUuid(id)) return { createdAt: at, id };
  }
  throw PaymentErrors.invalidCursor();
}
