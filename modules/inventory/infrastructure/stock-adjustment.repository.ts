import type { NewestFirstPosition } from '../../../src/paging/keyset';
import type { Knex } from 'knex';
import type { StockAdjustmentRecord } from '../domain/stock-item';
import { StockAdjustmentModel } from './stock-adjustment.model';

export type NewAdjustment = Pick<
  StockAdjustmentRecord,
  'id' | 'variantId' | 'locationId' | 'delta' | 'reason' | 'note' | 'actorUserId' | 'idempotencyKey' | 'onHandAfter' | 'reservedAfter'
> &
  Partial<Pick<StockAdjustmentRecord, 'orderId'>>;

export async function findAdjustmentByKey(trx: Knex.Transaction, variantId: string, idempotencyKey: string): Promise<StockAdjustmentRecord | undefined> {
  return (await StockAdjustmentModel.query(trx).findOne({ variant_id: variantId, idempotency_key: idempotencyKey }))?.toRecord();
}

export async function insertAdjustment(trx: Knex.Transaction, adjustment: NewAdjustment): Promise<StockAdjustmentRecord> {
  return (await StockAdjustmentModel.query(trx).insert(adjustment).returning('*')).toRecord();
}

export async function insertAdjustments(trx: Knex.Transaction, adjustments: readonly NewAdjustment[]): Promise<void> {
  if (adjustments.length > 0) await StockAdjustmentModel.query(trx).insert(adjustments as NewAdjustment[]);
}

/** One variant's adjustments, newest first by (created_at, id). */
export async function listAdjustments(
  db: Knex,
  variantId: string,
  after: NewestFirstPosition | undefined,
  limit: number,
): Promise<StockAdjustmentRecord[]> {
  const query = StockAdjustmentModel.query(db)
    .where('variant_id', variantId)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (after) query.whereRaw('(created_at, id) < (?, ?::uuid)', after);
  return (await query).map((row) => row.toRecord());
}
