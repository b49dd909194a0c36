import { ReservationStream, type mart } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { rejectOrder } from '../application/reject-order';

export const rejectOrderWhenStockReservationFailed = onEvent(
  ReservationStream,
  'stockReservationFailed',
  'reject-order-when-stock-reservation-failed',
  async (trx, failed, envelope) => {
    await rejectOrder(
      trx,
      failed.orderId || envelope.aggregateId,
      { eventId: envelope.eventId, eventType: 'StockReservationFailed' },
      rejectionReason(failed),
    );
  },
);

function rejectionReason(failed: mart.inventory.v1.IStockReservationFailed): string {
  const shortages = (failed.shortLines ?? []).map(
    (line) => `${line.productId} (requested ${line.requested ?? 0}, available ${line.available ?? 0})`,
  );
  const reason = failed.reason || 'Insufficient stock';
  return shortages.length > 0 ? `${reason}: ${shortages.join(', ')}` : reason;
}
