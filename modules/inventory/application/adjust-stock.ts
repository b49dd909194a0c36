import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { StockItemStream } from '../../../proto/streams';
import { IdempotencyKeyErrors, optionalIdempotencyKey } from '../../../src/http/idempotency-key';
import { recordEvent } from '../../../src/messaging/outbox';
import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from '../domain/inventory.errors';
import { applyAdjustment, validateAdjustment, type AdjustmentRequest } from '../domain/stock-adjustment';
import { moveAt, sellable } from '../domain/stock-item';
import { DEFAULT_LOCATION_CODE } from '../domain/stock-location';
import { findAdjustmentByKey, insertAdjustment } from '../infrastructure/stock-adjustment.repository';
import { lockStockItems, saveStockLevels } from '../infrastructure/stock-item.repository';
import { findLocationByCode, holdLocation } from '../infrastructure/stock-location.repository';
import { recordStockLevelsChanged } from './stock-events';
import { toStockAdjustmentView, type StockAdjustmentView } from './stock-views';

export interface AdjustStockCommand extends AdjustmentRequest {
  variantId: string;
  /** Where the stock moves; the default location when absent. */
  locationId?: string;
  actorUserId: string;
  idempotencyKey?: string;
}

/**
 * An admin's manual change of the stock on hand at one location, kept in the audit trail. Stock promised to orders
 * at that location cannot be taken away. With an Idempotency-Key, a retried request returns the first result
 * instead of moving stock twice.
 */
export async function adjustStock(db: Knex, command: AdjustStockCommand): Promise<{ adjustment: StockAdjustmentView; replayed: boolean }> {
  const { delta, reason, note } = validateAdjustment(command);
  const idempotencyKey = optionalIdempotencyKey(command.idempotencyKey) ?? null;
  const variantId = command.variantId.toLowerCase();
  if (command.locationId !== undefined && !isUuid(command.locationId)) {
    throw InventoryErrors.invalidAdjustment([{ field: 'locationId', message: 'must be a stock location id' }]);
  }
  return db.transaction(async (trx) => {
    const item = (await lockStockItems(trx, [variantId])).get(variantId);
    if (!item) throw InventoryErrors.stockItemNotFound(variantId);
    const location = command.locationId
      ? await holdLocation(trx, command.locationId.toLowerCase())
      : await findLocationByCode(trx, DEFAULT_LOCATION_CODE).then((found) => found && holdLocation(trx, found.id));
    if (!location) throw InventoryErrors.locationNotFound(command.locationId ?? DEFAULT_LOCATION_CODE);

    if (idempotencyKey) {
      const previous = await findAdjustmentByKey(trx, variantId, idempotencyKey);
      if (previous) {
        if (previous.delta !== delta || previous.reason !== reason || previous.note !== note || previous.locationId !== location.id) {
          throw IdempotencyKeyErrors.reused();
        }
        return { adjustment: toStockAdjustmentView(previous, item.productId), replayed: true };
      }
    }

    const level = item.levels.find((candidate) => candidate.locationId === location.id) ?? { onHand: 0, reserved: 0 };
    applyAdjustment(level, delta);
    const saved = moveAt(item, { locationId: location.id, code: location.code, priority: location.priority, active: location.active }, { onHand: delta, reserved: 0 });
    await saveStockLevels(trx, [saved]);
    const adjustment = await insertAdjustment(trx, {
      id: randomUUID(),
      variantId,
      locationId: location.id,
      delta,
      reason,
      note,
      actorUserId: command.actorUserId,
      idempotencyKey,
      onHandAfter: saved.onHand,
      reservedAfter: saved.reserved,
    });
    await recordEvent(trx, StockItemStream, variantId, 'stockAdjusted', {
      productId: saved.productId,
      variantId,
      locationId: location.id,
      locationCode: location.code,
      delta,
      reason,
      onHand: saved.onHand,
      reserved: saved.reserved,
      available: sellable(saved),
      adjustmentId: adjustment.id,
      orderId: '',
      version: saved.version,
    });
    await recordStockLevelsChanged(trx, [saved]);
    return { adjustment: toStockAdjustmentView(adjustment, item.productId), replayed: false };
  });
}
