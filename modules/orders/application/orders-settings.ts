import { z } from 'zod';
import { readModuleSettings } from '../../../src/config/module-settings';

/** The orders module's settings, from its own variables (ORDER_*, PROMOTION_*, CART_*, RETURN_*). */
export interface OrdersSettings {
  paymentTimeoutSeconds: number;
  /** Per customer: unpaid orders and their units held at once, and orders placed per minute. */
  customerLimits: { maxUnpaidOrders: number; maxUnpaidUnits: number; placementsPerMinute: number };
  /** Per customer: promotion codes tried without one applying, in a window. */
  promotionAttempts: { perCustomer: number; windowSeconds: number };
  expirySweepIntervalMs: number;
  /** A cart with lines untouched this long is announced as abandoned (CartAbandoned), once per state. */
  cartAbandonedAfterHours: number;
  /** Carts untouched this long are deleted. */
  cartRetentionDays: number;
  cartSweepIntervalMs: number;
  /** Delivered units can be returned this many days after their delivery. */
  returnWindowDays: number;
  /** Only customers who verified their email address may place orders (the access token says whether they did). */
  checkoutRequiresVerifiedEmail: boolean;
}

export function ordersSettings(environment: Readonly<Record<string, string>>): OrdersSettings {
  const e = readModuleSettings(environment, {
    ORDER_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(30 * 60),
    ORDER_MAX_UNPAID_PER_CUSTOMER: z.coerce.number().int().min(1).default(5),
    ORDER_MAX_UNPAID_UNITS_PER_CUSTOMER: z.coerce.number().int().min(1).default(50),
    ORDER_PLACEMENTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    PROMOTION_ATTEMPTS_PER_CUSTOMER: z.coerce.number().int().min(1).default(10),
    PROMOTION_ATTEMPT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    ORDER_EXPIRY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
    CART_ABANDONED_AFTER_HOURS: z.coerce.number().positive().default(24),
    CART_RETENTION_DAYS: z.coerce.number().positive().default(30),
    CART_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    RETURN_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
    CHECKOUT_REQUIRES_VERIFIED_EMAIL: z.enum(['true', 'false']).default('true'),
  });
  return {
    paymentTimeoutSeconds: e.ORDER_PAYMENT_TIMEOUT_SECONDS,
    customerLimits: {
      maxUnpaidOrders: e.ORDER_MAX_UNPAID_PER_CUSTOMER,
      maxUnpaidUnits: e.ORDER_MAX_UNPAID_UNITS_PER_CUSTOMER,
      placementsPerMinute: e.ORDER_PLACEMENTS_PER_MINUTE,
    },
    promotionAttempts: { perCustomer: e.PROMOTION_ATTEMPTS_PER_CUSTOMER, windowSeconds: e.PROMOTION_ATTEMPT_WINDOW_SECONDS },
    expirySweepIntervalMs: e.ORDER_EXPIRY_SWEEP_INTERVAL_MS,
    cartAbandonedAfterHours: e.CART_ABANDONED_AFTER_HOURS,
    cartRetentionDays: e.CART_RETENTION_DAYS,
    cartSweepIntervalMs: e.CART_SWEEP_INTERVAL_MS,
    returnWindowDays: e.RETURN_WINDOW_DAYS,
    checkoutRequiresVerifiedEmail: e.CHECKOUT_REQUIRES_VERIFIED_EMAIL === 'true',
  };
}
