import type { Knex } from 'knex';
import type { StatementResult } from '../../../src/db/one-round-trip';
import { IdempotencyKeyModel } from './idempotency-key.model';

export interface IdempotencyKeyClaim {
  customerId: string;
  key: string;
  requestHash: string;
  orderId: string;
}

/**
 * The key's claim as a complete statement, to send with others: inserts the key unless it exists. While another
 * transaction holds an uncommitted claim of the same key, Postgres makes this insert wait for it; `wasClaimed` is
 * false when that transaction committed first.
 */
export function claimIdempotencyKeyStatement(db: Knex, claim: IdempotencyKeyClaim): string {
  return db('order_idempotency_keys')
    .insert({ customer_id: claim.customerId, key: claim.key, request_hash: claim.requestHash, order_id: claim.orderId })
    .onConflict(['customer_id', 'key'])
    .ignore()
    .returning('order_id')
    .toQuery();
}

export function wasClaimed(result: StatementResult): boolean {
  return result.rows.length === 1;
}

export async function findIdempotencyKey(db: Knex, customerId: string, key: string): Promise<IdempotencyKeyModel | undefined> {
  return IdempotencyKeyModel.query(db).findById([customerId, key]);
}
