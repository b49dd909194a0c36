import { OrderStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { optionalEventMoney, requiredEventMoney } from '../../../src/messaging/event-money';
import { queueNotification } from '../application/queue-notification';

export const notifyCustomerWhenOrderPaid = onEvent(OrderStream, 'orderPaid', 'notify-customer-when-order-paid', async (trx, event, envelope) => {
  const lines = (event.lines ?? []).map((line) => ({
    name: line.name || line.sku || 'Item',
    quantity: line.quantity ?? 0,
    lineTotal: requiredEventMoney(line.lineTotal, 'line total'),
  }));
  const discount = optionalEventMoney(event.discount, 'discount');
  await queueNotification(
    trx,
    event.customerId ?? '',
    {
      template: 'order-confirmed',
      data: {
        orderId: event.orderId ?? '',
        total: requiredEventMoney(event.total, 'order total'),
        lines,
        ...(discount && discount.amountMinor > 0 ? { discount: { amount: discount, promotionCode: event.promotionCode ?? '' } } : {}),
      },
    },
    envelope.eventId,
  );
});
