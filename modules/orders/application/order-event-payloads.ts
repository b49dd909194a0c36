import type { mart } from '../../../proto/streams';
import type { Order } from '../domain/order';

/** The order's lines and money as the published contract (proto/mart/orders/v1/order.proto) spells them. */
export function eventLines(order: Order): mart.orders.v1.IOrderLine[] {
  return order.lines.map((line) => ({
    productId: line.productId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: { amountMinor: line.unitPriceCents, currency: order.currency },
    lineTotal: { amountMinor: line.lineTotalCents, currency: order.currency },
  }));
}

export function eventTotal(order: Order): mart.orders.v1.IMoney {
  return eventMoney(order.totalCents, order.currency);
}

export function eventMoney(amountMinor: number, currency: string): mart.orders.v1.IMoney {
  return { amountMinor, currency };
}
