import type { Order, OrderLine } from '../order';
import type { ReturnRefund } from './order-return';

/**
 * The one rule for giving back part of a line: the first `units` of a line cost their unit prices, less the line's
 * discount × units ÷ quantity and plus (tax-exclusive prices) its tax × units ÷ quantity, each rounded down. A
 * return gives back what the units returned so far cost less what those returned before cost, so any sequence of
 * returns of a whole line gives back exactly what the line was paid, to the minor unit.
 */
export const RETURN_ROUNDING_RULE = 'cumulative-floor-per-line';

/** What the first `units` units of the line were paid. */
export function paidForUnits(line: Pick<OrderLine, 'quantity' | 'unitPriceCents' | 'discountCents' | 'tax'>, units: number, pricesIncludeTax: boolean): number {
  const share = (amount: number) => Number((BigInt(amount) * BigInt(units)) / BigInt(line.quantity));
  const tax = pricesIncludeTax ? 0 : share(line.tax?.amountMinor ?? 0);
  return units * line.unitPriceCents - share(line.discountCents) + tax;
}

/** What `units` more units of the line give back, after `alreadyReturned` were. */
export function refundForUnits(line: OrderLine, alreadyReturned: number, units: number, pricesIncludeTax: boolean): number {
  return paidForUnits(line, alreadyReturned + units, pricesIncludeTax) - paidForUnits(line, alreadyReturned, pricesIncludeTax);
}

/** What the order's shipping was paid (its price, plus its tax where prices exclude tax). */
export function paidForShipping(order: Pick<Order, 'shipping' | 'pricesIncludeTax'>): number {
  if (!order.shipping) return 0;
  return order.shipping.priceCents + (order.pricesIncludeTax ? 0 : (order.shipping.tax?.amountMinor ?? 0));
}

/**
 * What returning these units gives back, line by line, given the units of each line returned before; shipping
 * too when asked and not already given back.
 */
export function refundForReturn(
  order: Pick<Order, 'lines' | 'shipping' | 'pricesIncludeTax' | 'currency'>,
  units: ReadonlyArray<{ variantId: string; quantity: number }>,
  returnedBefore: ReadonlyMap<string, number>,
  shipping: { refund: boolean; alreadyRefunded: boolean },
): ReturnRefund {
  const lines = units.map(({ variantId, quantity }) => {
    const line = order.lines.find((l) => l.variantId === variantId);
    if (!line) throw new Error(`the order has no line of variant ${variantId}`);
    return { variantId, quantity, amountMinor: refundForUnits(line, returnedBefore.get(variantId) ?? 0, quantity, order.pricesIncludeTax) };
  });
  const shippingMinor = shipping.refund && !shipping.alreadyRefunded ? paidForShipping(order) : 0;
  return { lines, shippingMinor, totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0) + shippingMinor, currency: order.currency };
}
