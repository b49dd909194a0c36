import { OrderErrors } from './orders.errors';

/** What one customer may hold and do at once, so that no account can hoard stock or promotion uses. */
export interface CustomerOrderLimits {
  /** Orders placed and not yet paid (PENDING or AWAITING_PAYMENT): each holds stock and maybe a promotion use. */
  maxUnpaidOrders: number;
  /** Units held by those orders together. */
  maxUnpaidUnits: number;
  /** Orders placed (POST /orders and checkouts together) in any 60 seconds. */
  placementsPerMinute: number;
}

/** The customer's orders as they stand when a new one is about to be placed. */
export interface CustomerOrdering {
  unpaidOrders: number;
  unpaidUnits: number;
  placedInLastMinute: number;
  /** How long ago the oldest of those was placed, in milliseconds. */
  oldestInLastMinuteAgeMs: number;
}

export const PLACEMENT_WINDOW_MS = 60_000;

/** Refuses an order of `units` units that would take the customer past a limit. */
export function checkCustomerOrderLimits(limits: CustomerOrderLimits, ordering: CustomerOrdering, units: number): void {
  if (ordering.placedInLastMinute >= limits.placementsPerMinute) {
    throw OrderErrors.placingTooFast(Math.max(1, Math.ceil((PLACEMENT_WINDOW_MS - ordering.oldestInLastMinuteAgeMs) / 1000)));
  }
  if (ordering.unpaidOrders >= limits.maxUnpaidOrders) throw OrderErrors.tooManyUnpaidOrders(limits.maxUnpaidOrders);
  if (ordering.unpaidUnits + units > limits.maxUnpaidUnits) throw OrderErrors.tooManyUnpaidUnits(limits.maxUnpaidUnits, ordering.unpaidUnits);
}
