import { ReservationStream, type mart } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { rejectOrder } from '../application/reject-order';

export const rejectOrderWhenStockReservationFailed = onEvent(
  ReservationStream,
  'stockReservationFailed',
  'reject-order-when-stock-reservation-failed',
  async (trx, failed, envelope) => {
    await rejectOrder(
      trx,
      fieldsOf(failed).uuid('orderId'),
      { eventId: envelope.eventId, eventType: 'StockReservationFailed' },
      rejectionReason(failed),
    );
  },
);

function rejectionReason(failed: mart.inventory.v1.IStockReservationFailed): string {
  const fields = fieldsOf(failed);
  const shortages = fields.list('shortLines', (line) => `${line.text('productId')} (requested ${line.integer('requested')}, available ${line.integer('available')})`);
  const reason = fields.optionalText('reason') ?? 'Insufficient stock';
  return shortages.length > 0 ? `${reason}: ${shortages.join(', ')}` : reason;
}
