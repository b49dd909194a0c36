import { z } from 'zod';
import { readModuleSettings } from '../../../src/config/module-settings';

/** The notifications module's settings, from its own variables (SMTP_URL, MAIL_FROM, NOTIFICATION_*). */
export interface NotificationsSettings {
  smtpUrl: string;
  mailFrom: string;
  maxAttempts: number;
  retryBaseMs: number;
  dispatchIntervalMs: number;
}

export function notificationsSettings(environment: Readonly<Record<string, string>>): NotificationsSettings {
  const e = readModuleSettings(environment, {
    SMTP_URL: z.string().url().default('smtp://localhost:1025'),
    MAIL_FROM: z.string().default('Mart <no-reply@mart.local>'),
    NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
    NOTIFICATION_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  });
  return {
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
    retryBaseMs: e.NOTIFICATION_RETRY_BASE_MS,
    dispatchIntervalMs: e.NOTIFICATION_DISPATCH_INTERVAL_MS,
  };
}
