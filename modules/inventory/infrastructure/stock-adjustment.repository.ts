import type { NewestFirstPosition } from '../../../src/paging/keyset';
import type { Knex } from 'knex';
import { StockAdjustmentModel } from './stock-adjustment.model';

export type NewAdjustment = Pick<
  StockAdjustmentModel,
  'id' | 'productId' | 'delta' | 'reason' | 'note' | 'actorUserId' | 'idempotencyKey' | 'onHandAfter' | 'reservedAfter'
> &
  Partial<Pick<StockAdjustmentModel, 'orderId'>>;

export async function findAdjustmentByKey(trx: Knex.Transaction, productId: string, idempotencyKey: string): Promise<StockAdjustmentModel | undefined> {
  return StockAdjustmentModel.query(trx).findOne({ product_id: productId, idempotency_key: idempotencyKey });
}

export async function insertAdjustment(trx: Knex.Transaction, adjustment: NewAdjustment): Promise<StockAdjustmentModel> {
  return StockAdjustmentModel.query(trx).insert(adjustment).returning('*');
}

export async function insertAdjustments(trx: Knex.Transaction, adjustments: readonly NewAdjustment[]): Promise<void> {
  if (adjustments.length > 0) await StockAdjustmentModel.query(trx).insert(adjustments as NewAdjustment[]);
}

/** One product's adjustments, newest first by (created_at, id). */
export async function listAdjustments(
  db: Knex,
  productId: string,
  after: NewestFirstPosition | undefined,
  limit: number,
): Promise<StockAdjustmentModel[]> {
  const query = StockAdjustmentModel.query(db)
    .where('product_id', productId)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (after) query.whereRaw('(created_at, id) < (?, ?::uuid)', after);
  return query;
}
