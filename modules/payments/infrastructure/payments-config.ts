import { z } from 'zod';
import { ConfigError } from '../../../src/config/config';

const environment = z.object({
  PAYMENTS_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  PAYMENTS_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
  PAYMENTS_RECONCILE_AFTER_MS: z.coerce.number().int().min(100).default(60_000),
  PAYMENTS_WORKER_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: z.enum(['true', 'false']).default('false'),
});

export interface PaymentsConfig {
  provider: 'sandbox';
  /** How long a charge may take before the processor counts as timed out. */
  providerTimeoutMs: number;
  /** A payment still processing after this long is settled by asking the provider. */
  reconcileAfterMs: number;
  /** How often the worker settles stale payments and performs pending refunds. */
  workerIntervalMs: number;
}

/** The payments module's own settings, validated when the module is built (at start-up). */
export function loadPaymentsConfig(source: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  const parsed = environment.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid payments configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  // The sandbox approves test tokens without moving money: a production shop must not run on it by accident.
  if (source.NODE_ENV === 'production' && e.PAYMENTS_PROVIDER === 'sandbox' && e.PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION !== 'true') {
    throw new ConfigError(
      'Refusing to start in production with the sandbox payment provider (set PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION=true for a staging system)',
    );
  }
  if (e.PAYMENTS_RECONCILE_AFTER_MS <= e.PAYMENTS_PROVIDER_TIMEOUT_MS) {
    throw new ConfigError('Invalid payments configuration:\n  PAYMENTS_RECONCILE_AFTER_MS must exceed PAYMENTS_PROVIDER_TIMEOUT_MS');
  }
  return {
    provider: e.PAYMENTS_PROVIDER,
    providerTimeoutMs: e.PAYMENTS_PROVIDER_TIMEOUT_MS,
    reconcileAfterMs: e.PAYMENTS_RECONCILE_AFTER_MS,
    workerIntervalMs: e.PAYMENTS_WORKER_INTERVAL_MS,
  };
}
