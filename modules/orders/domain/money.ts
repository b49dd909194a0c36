import { OrderErrors } from './orders.errors';

/** Integer minor units in one ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface PricedQuantity {
  unitPriceCents: number;
  quantity: number;
  currency: string;
}

/** A sum of amounts that must stay exact. */
export function sumCents(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => requireSafe(sum + amount), 0);
}

export function lineTotalCents(unitPriceCents: number, quantity: number): number {
  return requireSafe(unitPriceCents * quantity);
}

/** The order total; all lines must share one currency, as a charge has exactly one. */
export function orderTotal(lines: readonly PricedQuantity[]): Money {
  if (lines.length === 0) throw new Error('an order total needs at least one line');
  const currencies = [...new Set(lines.map((line) => line.currency))];
  if (currencies.length > 1) {
    throw OrderErrors.mixedCurrencies(currencies);
  }
  const amountMinor = lines.reduce((sum, line) => requireSafe(sum + lineTotalCents(line.unitPriceCents, line.quantity)), 0);
  return { amountMinor, currency: currencies[0] };
}

function requireSafe(cents: number): number {
  if (!Number.isSafeInteger(cents)) {
    throw OrderErrors.totalTooLarge();
  }
  return cents;
}
