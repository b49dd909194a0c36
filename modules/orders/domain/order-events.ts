import type { EventCase, EventPayload, mart } from '../../../proto/streams';
import type { Order } from './order';

export type OrderEvent = mart.orders.v1.OrderEvent;
export type OrderEventCase = EventCase<OrderEvent>;

/** One event of the order stream, named by its case, with the payload the contract (proto/mart/orders/v1) gives it. */
export type OrderEventOf<K extends OrderEventCase = OrderEventCase> = { [C in K]: { event: C; payload: EventPayload<OrderEvent, C> } }[K];

/** The order's lines and money as the published contract spells them. */
export function eventLines(order: Order): mart.orders.v1.IOrderLine[] {
  return order.lines.map((line) => ({
    productId: line.productId,
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    options: line.options,
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
