import { OrderStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const notifyCustomerWhenOrderPaid = notifyWhen(OrderStream, 'orderPaid', 'notify-customer-when-order-paid', (event) => {
  const lines = event.list('lines', (line) => ({
    name: line.optionalText('name') ?? line.optionalText('sku') ?? 'Item',
    options: line.list('options', (option) => ({ option: option.text('option'), value: option.text('value') })),
    quantity: line.count('quantity'),
    lineTotal: line.money('lineTotal'),
  }));
  const discount = event.optionalMoney('discount');
  const shipping = event.optional('shipping', (line) => ({ name: line.text('name'), amount: line.money('price') }));
  const tax = event.optionalMoney('tax');
  return {
    userId: event.uuid('customerId'),
    message: {
      template: 'order-confirmed',
      data: {
        orderId: event.uuid('orderId'),
        total: event.money('total'),
        lines,
        ...(discount && discount.amountMinor > 0 ? { discount: { amount: discount, promotionCode: event.text('promotionCode') } } : {}),
        ...(shipping ? { shipping } : {}),
        ...(tax ? { tax: { amount: tax, included: event.flag('pricesIncludeTax') } } : {}),
      },
    },
  };
});
