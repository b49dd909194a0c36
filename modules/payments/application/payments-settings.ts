import { z } from 'zod';
import { readModuleSettings, refuseSettings } from '../../../src/config/module-settings';

/** The payments module's settings, from its own variables (PAYMENTS_*). */
export interface PaymentsSettings {
  provider: 'sandbox';
  /** How long a charge may take before the processor counts as timed out. */
  providerTimeoutMs: number;
  /** A payment still processing after this long is settled by asking the provider. */
  reconcileAfterMs: number;
  /** How often the worker settles stale payments and performs pending refunds. */
  workerIntervalMs: number;
  /** A payment held for an order that never appears as the requester's ends (CANCELLED) after this long. */
  holdExpiresAfterMs: number;
  /** Payments a user may hold at once for orders this module has not seen as theirs (REQUIRES_ORDER). */
  maxHeldPerUser: number;
}

export function paymentsSettings(environment: Readonly<Record<string, string>>, env: 'development' | 'test' | 'production'): PaymentsSettings {
  const e = readModuleSettings(environment, {
    PAYMENTS_PROVIDER: z.enum(['sandbox']).default('sandbox'),
    PAYMENTS_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
    PAYMENTS_RECONCILE_AFTER_MS: z.coerce.number().int().min(100).default(60_000),
    PAYMENTS_WORKER_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
    PAYMENTS_HOLD_EXPIRES_AFTER_MS: z.coerce.number().int().min(100).default(30 * 60_000),
    PAYMENTS_MAX_HELD_PER_USER: z.coerce.number().int().min(1).default(5),
    PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: z.enum(['true', 'false']).default('false'),
  });
  refuseSettings(e.PAYMENTS_RECONCILE_AFTER_MS <= e.PAYMENTS_PROVIDER_TIMEOUT_MS ? ['PAYMENTS_RECONCILE_AFTER_MS must exceed PAYMENTS_PROVIDER_TIMEOUT_MS'] : []);
  // The sandbox approves test tokens without moving money: a production shop must not run on it by accident.
  refuseSettings(
    env === 'production' && e.PAYMENTS_PROVIDER === 'sandbox' && e.PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION !== 'true'
      ? ['the sandbox payment provider is refused (set PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION=true for a staging system)']
      : [],
    'Refusing to start in production:',
  );
  return {
    provider: e.PAYMENTS_PROVIDER,
    providerTimeoutMs: e.PAYMENTS_PROVIDER_TIMEOUT_MS,
    reconcileAfterMs: e.PAYMENTS_RECONCILE_AFTER_MS,
    workerIntervalMs: e.PAYMENTS_WORKER_INTERVAL_MS,
    holdExpiresAfterMs: e.PAYMENTS_HOLD_EXPIRES_AFTER_MS,
    maxHeldPerUser: e.PAYMENTS_MAX_HELD_PER_USER,
  };
}
