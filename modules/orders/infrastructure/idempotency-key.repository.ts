import type { Knex } from 'knex';
import { inOneRoundTrip, type StatementResult } from '../../../src/db/one-round-trip';
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
 * `following` statements (complete SQL, values inlined) go in the same round trip, run after the insert in order;
 * their results are returned.
 */
export async function claimIdempotencyKey(
  trx: Knex.Transaction,
  claim: IdempotencyKeyClaim,
  following: readonly string[] = [],
): Promise<{ claimed: boolean; following: StatementResult[] }> {
  const [inserted, ...rest] = await inOneRoundTrip(trx, [claimIdempotencyKeyStatement(trx, claim), ...following]);
  return { claimed: wasClaimed(inserted), following: rest };
}

/** The claim as a complete statement, to send with others; `wasClaimed` reads its result. */
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
