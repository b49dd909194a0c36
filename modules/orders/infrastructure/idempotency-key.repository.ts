import type { Knex } from 'knex';
import { IdempotencyKeyModel } from './idempotency-key.model';

export interface IdempotencyKeyClaim {
  customerId: string;
  key: string;
  requestHash: string;
  orderId: string;
}

/**
 * Inserts the key unless it exists. While another transaction holds an uncommitted claim of the same
 * key, Postgres makes this insert wait for it: false means that transaction committed first.
 */
export async function claimIdempotencyKey(trx: Knex.Transaction, claim: IdempotencyKeyClaim): Promise<boolean> {
  const inserted = await trx('order_idempotency_keys')
    .insert({ customer_id: claim.customerId, key: claim.key, request_hash: claim.requestHash, order_id: claim.orderId })
    .onConflict(['customer_id', 'key'])
    .ignore()
    .returning('order_id');
  return inserted.length === 1;
}

export async function findIdempotencyKey(db: Knex, customerId: string, key: string): Promise<IdempotencyKeyModel | undefined> {
  return IdempotencyKeyModel.query(db).findById([customerId, key]);
}
