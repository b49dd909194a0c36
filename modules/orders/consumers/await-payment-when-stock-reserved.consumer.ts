import { ReservationStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { awaitPayments } from '../application/await-payment';
import { refuseByKey } from '../../../src/messaging/refuse-by-key';
import { allocationsOf } from '../application/reserved-lines';

export const awaitPaymentWhenStockReserved = (paymentTimeoutSeconds: number) =>
  onEvents(ReservationStream, 'stockReserved', 'await-payment-when-stock-reserved', async (trx, events, effects) => {
    const orderIdOf = (event: (typeof events)[number]) => fieldsOf(event.payload).uuid('orderId');
    const ignored = await awaitPayments(
      trx,
      events.map((event) => ({
        orderId: orderIdOf(event),
        source: { eventId: event.envelope.eventId, eventType: 'StockReserved' },
        cause: event.cause,
        allocations: allocationsOf(event.payload),
      })),
      paymentTimeoutSeconds,
    );
    refuseByKey(events, orderIdOf, ignored, effects);
  });
