import { OrderStream } from '../../../proto/streams';
import { onEvents } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { moveAllocations } from '../application/ship-from-stock';

export const moveAllocationWhenFulfilmentCreated = onEvents(OrderStream, 'fulfilmentCreated', 'move-allocation-when-fulfilment-created', async (trx, events) => {
  const needingMoves = events
    .map(({ payload, cause }) => {
      const fields = fieldsOf(payload);
      return {
        orderId: fields.uuid('orderId'),
        fulfilmentId: fields.uuid('fulfilmentId'),
        locationId: fields.optionalUuid('locationId') ?? '',
        moves: fields.list('moves', (move) => ({ variantId: move.uuid('variantId'), fromLocationId: move.uuid('fromLocationId'), quantity: move.count('quantity') })),
        cause,
      };
    })
    // A fulfilment whose units are already held at its location needs nothing from inventory until it ships.
    .filter((fulfilment) => fulfilment.moves.length > 0 && fulfilment.locationId !== '');
  await moveAllocations(trx, needingMoves);
});
