import type { EventCase, EventPayload, mart } from '../../../proto/streams';
import type { Order } from './order';
import type { TaxLine } from './tax/order-breakdown';

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
    discount: { amountMinor: line.discountCents, currency: order.currency },
    tax: line.tax ? eventTaxLine(line.tax, order.currency) : null,
  }));
}

/** The order's shipping line, tax and price mode as OrderPlaced and OrderPaid carry them. */
export function eventShippingAndTax(order: Order): Pick<mart.orders.v1.IOrderPlaced, 'shipping' | 'tax' | 'pricesIncludeTax'> {
  return {
    shipping: order.shipping
      ? {
          optionId: order.shipping.optionId,
          name: order.shipping.name,
          price: eventMoney(order.shipping.priceCents, order.currency),
          tax: order.shipping.tax ? eventTaxLine(order.shipping.tax, order.currency) : null,
        }
      : null,
    tax: eventMoney(order.taxCents, order.currency),
    pricesIncludeTax: order.pricesIncludeTax,
  };
}

function eventTaxLine(tax: TaxLine, currency: string): mart.orders.v1.ITaxLine {
  return { taxClass: tax.taxClass, rateBasisPoints: tax.basisPoints, country: tax.country, region: tax.region ?? '', amount: eventMoney(tax.amountMinor, currency) };
}

export function eventTotal(order: Order): mart.orders.v1.IMoney {
  return eventMoney(order.totalCents, order.currency);
}

export function eventMoney(amountMinor: number, currency: string): mart.orders.v1.IMoney {
  return { amountMinor, currency };
}
