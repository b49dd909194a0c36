import { ReservationStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { holdFulfilments } from '../application/fulfilments/settle-fulfilment-stock';
import { allocationsOf } from '../application/reserved-lines';

export const holdFulfilmentWhenStockAllocationMoved = onEvents(
  ReservationStream,
  'stockAllocationMoved',
  'hold-fulfilment-when-stock-allocation-moved',
  async (trx, events) => {
    await holdFulfilments(
      trx,
      events.map(({ payload }) => ({ orderId: fieldsOf(payload).uuid('orderId'), fulfilmentId: fieldsOf(payload).uuid('fulfilmentId'), lines: allocationsOf(payload) })),
    );
  },
);
