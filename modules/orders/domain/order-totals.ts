import { MoneyOverflowError, sumMinor, timesQuantity, type Money } from '../../../src/money/money';
import { OrderErrors } from './orders.errors';

export interface PricedQuantity {
  unitPriceCents: number;
  quantity: number;
  currency: string;
}

/** A line's total: its unit price times its quantity. */
export function lineTotalCents(unitPriceCents: number, quantity: number): number {
  return chargeable(() => timesQuantity(unitPriceCents, quantity));
}

/** The sum of line totals. */
export function sumCents(amounts: readonly number[]): number {
  return chargeable(() => sumMinor(amounts));
}

/** The order total; all lines must share one currency, as a charge has exactly one. */
export function orderTotal(lines: readonly PricedQuantity[]): Money {
  if (lines.length === 0) throw new Error('an order total needs at least one line');
  const currencies = [...new Set(lines.map((line) => line.currency))];
  if (currencies.length > 1) throw OrderErrors.mixedCurrencies(currencies);
  return { amountMinor: sumCents(lines.map((line) => lineTotalCents(line.unitPriceCents, line.quantity))), currency: currencies[0] };
}

/** An amount no charge can carry exactly is the order's problem to report, not a crash. */
function chargeable(amount: () => number): number {
  try {
    return amount();
  } catch (error) {
    if (error instanceof MoneyOverflowError) throw OrderErrors.totalTooLarge();
    throw error;
  }
}
