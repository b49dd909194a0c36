import type { mart } from '../../../../proto/streams';
import type { ItemQuantity } from '../../domain/fulfilment/fulfilment';
import type { Order } from '../../domain/order';

/** Units of an order's lines as the events spell them: variant, product, SKU, name and option values from the order. */
export function eventItems(order: Pick<Order, 'lines'>, items: readonly ItemQuantity[]): mart.orders.v1.IItemQuantity[] {
  return items.map(({ variantId, quantity }) => {
    const line = order.lines.find((l) => l.variantId === variantId);
    return { variantId, productId: line?.productId ?? '', sku: line?.sku ?? '', name: line?.name ?? '', options: line?.options ?? [], quantity };
  });
}
