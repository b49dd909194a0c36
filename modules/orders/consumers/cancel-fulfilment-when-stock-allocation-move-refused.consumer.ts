import { ReservationStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { refuseFulfilments } from '../application/fulfilments/settle-fulfilment-stock';

export const cancelFulfilmentWhenStockAllocationMoveRefused = onEvents(
  ReservationStream,
  'stockAllocationMoveRefused',
  'cancel-fulfilment-when-stock-allocation-move-refused',
  async (trx, events) => {
    await refuseFulfilments(
      trx,
      events.map(({ payload, cause }) => ({ orderId: fieldsOf(payload).uuid('orderId'), fulfilmentId: fieldsOf(payload).uuid('fulfilmentId'), reason: fieldsOf(payload).text('reason'), cause })),
    );
  },
);
