import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { StockItemStream } from '../../../proto/streams';
import { IdempotencyKeyErrors, optionalIdempotencyKey } from '../../../src/http/idempotency-key';
import { recordEvent } from '../../../src/messaging/outbox';
import { InventoryErrors } from '../domain/inventory.errors';
import { applyAdjustment, validateAdjustment, type AdjustmentRequest } from '../domain/stock-adjustment';
import { available } from '../domain/stock-level';
import { findAdjustmentByKey, insertAdjustment } from '../infrastructure/stock-adjustment.repository';
import { lockStockItems, saveStockLevel } from '../infrastructure/stock-item.repository';
import { recordStockLevelsChanged } from './stock-events';
import { toStockAdjustmentView, type StockAdjustmentView } from './stock-views';

export interface AdjustStockCommand extends AdjustmentRequest {
  productId: string;
  actorUserId: string;
  idempotencyKey?: string;
}

/**
 * An admin's manual change of the stock on hand, kept in the audit trail. With an Idempotency-Key,
 * a retried request returns the first result instead of moving stock twice.
 */
export async function adjustStock(db: Knex, command: AdjustStockCommand): Promise<{ adjustment: StockAdjustmentView; replayed: boolean }> {
  const { delta, reason, note } = validateAdjustment(command);
  const idempotencyKey = optionalIdempotencyKey(command.idempotencyKey) ?? null;
  const productId = command.productId.toLowerCase();
  return db.transaction(async (trx) => {
    const item = (await lockStockItems(trx, [productId])).get(productId);
    if (!item) throw InventoryErrors.stockItemNotFound(productId);

    if (idempotencyKey) {
      const previous = await findAdjustmentByKey(trx, productId, idempotencyKey);
      if (previous) {
        if (previous.delta !== delta || previous.reason !== reason || previous.note !== note) {
          throw IdempotencyKeyErrors.reused();
        }
        return { adjustment: toStockAdjustmentView(previous), replayed: true };
      }
    }

    const saved = await saveStockLevel(trx, productId, applyAdjustment(item, delta));
    const adjustment = await insertAdjustment(trx, {
      id: randomUUID(),
      productId,
      delta,
      reason,
      note,
      actorUserId: command.actorUserId,
      idempotencyKey,
      onHandAfter: saved.onHand,
      reservedAfter: saved.reserved,
    });
    await recordEvent(trx, StockItemStream, productId, 'stockAdjusted', {
      productId,
      delta,
      reason,
      onHand: saved.onHand,
      reserved: saved.reserved,
      available: available(saved),
      adjustmentId: adjustment.id,
      orderId: '',
      version: saved.version,
    });
    await recordStockLevelsChanged(trx, [saved]);
    return { adjustment: toStockAdjustmentView(adjustment), replayed: false };
  });
}
