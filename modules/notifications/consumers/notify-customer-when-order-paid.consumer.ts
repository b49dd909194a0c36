import { OrderStream } from '../../../proto/streams';
import { optionalEventMoney, requiredEventMoney } from '../../../src/messaging/event-money';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderPaid = notifyWhen(OrderStream, 'orderPaid', 'notify-customer-when-order-paid', (event) => {
  const lines = (event.lines ?? []).map((line) => ({
    name: line.name || line.sku || 'Item',
    quantity: line.quantity ?? 0,
    lineTotal: requiredEventMoney(line.lineTotal, 'line total'),
  }));
  const discount = optionalEventMoney(event.discount, 'discount');
  return {
    userId: event.customerId,
    message: {
      template: 'order-confirmed',
      data: {
        orderId: event.orderId ?? '',
        total: requiredEventMoney(event.total, 'order total'),
        lines,
        ...(discount && discount.amountMinor > 0 ? { discount: { amount: discount, promotionCode: event.promotionCode ?? '' } } : {}),
      },
    },
  };
});
