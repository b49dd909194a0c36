import { ReservationStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { awaitPayment } from '../application/await-payment';

export const awaitPaymentWhenStockReserved = (paymentTimeoutSeconds: number) =>
  onEvent(ReservationStream, 'stockReserved', 'await-payment-when-stock-reserved', async (trx, reserved, envelope) => {
    await awaitPayment(trx, reserved.orderId || envelope.aggregateId, { eventId: envelope.eventId, eventType: 'StockReserved' }, paymentTimeoutSeconds);
  });
