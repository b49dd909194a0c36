import type { Knex } from 'knex';
import type { Refund } from '../domain/payment';
import { RefundModel } from './refund.model';

type Db = Knex | Knex.Transaction;
type NewRefund = Pick<Refund, 'id' | 'paymentId' | 'amountCents' | 'currency' | 'status' | 'reason'> &
  Partial<Pick<Refund, 'returnId' | 'requestedBy' | 'idempotencyKey' | 'requestFingerprint' | 'attemptStartedAt'>>;

export async function findRefund(db: Db, refundId: string): Promise<Refund | undefined> {
  return (await RefundModel.query(db).findById(refundId))?.toRefund();
}

export async function lockRefund(trx: Knex.Transaction, refundId: string): Promise<Refund | undefined> {
  return (await RefundModel.query(trx).findById(refundId).forUpdate())?.toRefund();
}

export async function findRefundByKey(db: Db, paymentId: string, idempotencyKey: string): Promise<Refund | undefined> {
  return (await RefundModel.query(db).findOne({ payment_id: paymentId, idempotency_key: idempotencyKey }))?.toRefund();
}

export async function refundsOfPayment(trx: Knex.Transaction, paymentId: string): Promise<Refund[]> {
  return (await RefundModel.query(trx).where('payment_id', paymentId)).map((row) => row.toRefund());
}

export async function insertRefund(trx: Knex.Transaction, refund: NewRefund): Promise<Refund> {
  return (await RefundModel.query(trx).insert(refund).returning('*')).toRefund();
}

export async function insertRefunds(trx: Knex.Transaction, refunds: readonly NewRefund[]): Promise<void> {
  if (refunds.length > 0) await RefundModel.query(trx).insert(refunds as NewRefund[]);
}

export async function completeRefund(trx: Knex.Transaction, refundId: string, providerReference: string, at: Date): Promise<Refund> {
  const completed = await RefundModel.query(trx).patch({ status: 'SUCCEEDED', providerReference, completedAt: at }).findById(refundId).returning('*').throwIfNotFound();
  return completed.toRefund();
}

/**
 * Claims up to `limit` pending refunds nobody is working on (or whose claim is older than `staleClaim`),
 * skipping rows another worker has locked, so two workers never give the same refund back at once.
 */
export async function claimOwedRefunds(db: Knex, staleClaim: Date, limit: number): Promise<string[]> {
  const claimed: { rows: { id: string }[] } = await db.raw(
    `update refunds set attempt_started_at = now()
      where id in (select id from refunds
                    where status = 'PENDING' and (attempt_started_at is null or attempt_started_at < ?)
                    order by created_at limit ? for update skip locked)
      returning id`,
    [staleClaim, limit],
  );
  return claimed.rows.map((row) => row.id);
}
