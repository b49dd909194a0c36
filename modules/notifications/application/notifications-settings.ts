import { z } from 'zod';
import { readModuleSettings, refuseSettings } from '../../../src/config/module-settings';
import { keyBytes } from '../../../src/crypto/sealed-secrets';

/** The notifications module's settings, from its own variables (SMTP_URL, MAIL_FROM, NOTIFICATION_*, WEBHOOK_*). */
export interface NotificationsSettings {
  smtpUrl: string;
  mailFrom: string;
  maxAttempts: number;
  retryBaseMs: number;
  dispatchIntervalMs: number;
  /** Where account mail links to: the shop's pages `/verify-email?token=…` and `/reset-password?token=…`. */
  accountLinksBaseUrl: string;
  webhooks: WebhookSettings;
}

export interface WebhookSettings {
  /** The 32-byte key webhook signing secrets are sealed with at rest; unset outside production, a key of this process's own. */
  secretsKey: Buffer | undefined;
  /** Targets resolving to loopback, private, link-local or metadata addresses (development only by default). */
  allowPrivateTargets: boolean;
  /** Only https URLs (production). */
  requireHttps: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  retryBaseMs: number;
  maxRetryDelayMs: number;
  horizonMs: number;
  disableAfterFailures: number;
  disableAfterMs: number;
  /** Attempts in flight per endpoint: what a slow endpoint can hold, and a fast one's throughput. */
  concurrencyPerEndpoint: number;
  dispatchIntervalMs: number;
  replayMaxEvents: number;
  logRetentionMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

export function notificationsSettings(environment: Readonly<Record<string, string>>, mode: 'development' | 'test' | 'production'): NotificationsSettings {
  const e = readModuleSettings(environment, {
    SMTP_URL: z.string().url().default('smtp://localhost:1025'),
    MAIL_FROM: z.string().default('Mart <no-reply@mart.local>'),
    NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
    NOTIFICATION_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
    // The shop's front end, whose pages take the token of a verification or reset link and call the API with it.
    ACCOUNT_LINKS_BASE_URL: z.string().url().optional(),
    // 32 random bytes, base64 or hex (`openssl rand -base64 32`); scripts/up.sh makes one for a local run.
    // Empty (compose's `${WEBHOOK_SECRETS_KEY:-}`) means not set.
    WEBHOOK_SECRETS_KEY: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .transform((value) => keyBytes(value))
        .refine((key) => key.length === 32, 'must be 32 bytes in base64 or hex, e.g. `openssl rand -base64 32`')
        .optional(),
    ),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).default(mode === 'development' ? 'true' : 'false'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5_000),
    WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).default(HOUR_MS),
    WEBHOOK_RETRY_HORIZON_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(20),
    WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().min(0).default(24),
    WEBHOOK_CONCURRENCY_PER_ENDPOINT: z.coerce.number().int().min(1).max(1000).default(200),
    WEBHOOK_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
    WEBHOOK_REPLAY_MAX_EVENTS: z.coerce.number().int().min(1).default(100_000),
    WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().positive().default(30),
  });
  refuseSettings(
    [
      ...(mode === 'production' && !e.WEBHOOK_SECRETS_KEY ? ['WEBHOOK_SECRETS_KEY: required in production (32 random bytes, e.g. `openssl rand -base64 32`)'] : []),
      ...(mode === 'production' && e.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true' ? ['WEBHOOK_ALLOW_PRIVATE_TARGETS: must be false in production'] : []),
      ...(mode === 'production' && !e.ACCOUNT_LINKS_BASE_URL ? ['ACCOUNT_LINKS_BASE_URL: required in production (the shop front end that account mail links to)'] : []),
    ],
  );
  return {
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
    retryBaseMs: e.NOTIFICATION_RETRY_BASE_MS,
    dispatchIntervalMs: e.NOTIFICATION_DISPATCH_INTERVAL_MS,
    accountLinksBaseUrl: (e.ACCOUNT_LINKS_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    webhooks: {
      secretsKey: e.WEBHOOK_SECRETS_KEY,
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true',
      requireHttps: mode === 'production',
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      maxRetryDelayMs: e.WEBHOOK_RETRY_MAX_DELAY_MS,
      horizonMs: e.WEBHOOK_RETRY_HORIZON_HOURS * HOUR_MS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      disableAfterMs: e.WEBHOOK_DISABLE_AFTER_HOURS * HOUR_MS,
      concurrencyPerEndpoint: e.WEBHOOK_CONCURRENCY_PER_ENDPOINT,
      dispatchIntervalMs: e.WEBHOOK_DISPATCH_INTERVAL_MS,
      replayMaxEvents: e.WEBHOOK_REPLAY_MAX_EVENTS,
      logRetentionMs: e.WEBHOOK_LOG_RETENTION_DAYS * 24 * HOUR_MS,
    },
  };
}
