import { z } from 'zod';
import { readModuleSettings } from '../../../src/config/module-settings';

/** The users module's settings: sessions and the limits on signing in and registering, from its own variables. */
export interface UsersSettings {
  refreshTokenTtlSeconds: number;
  /** A session ends this long after sign-in, however often it is refreshed. */
  sessionMaxLifetimeSeconds: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginFailureWindowSeconds: number;
  /** Failures on an account from all addresses after which every attempt waits a growing delay (at most 30 s). */
  loginAccountFailuresBeforeDelay: number;
  signInsPerAccountPerMinute: number;
  refreshesPerAccountPerMinute: number;
  sessionsPerUser: number;
  /** How often ended sessions, expired refresh tokens and old attempts are deleted. */
  sessionPurgeIntervalMs: number;
  registrationMaxPerIp: number;
  registrationWindowSeconds: number;
  verificationTokenTtlSeconds: number;
  resetTokenTtlSeconds: number;
  /** Verification resends or reset mails per account (or email) and per client address, each in an hour. */
  accountMailsPerHour: number;
  accountMailsPerAddressPerHour: number;
  exportsPerHour: number;
}

export function usersSettings(environment: Readonly<Record<string, string>>): UsersSettings {
  const e = readModuleSettings(environment, {
    REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(60 * 60 * 24 * 30),
    SESSION_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(60 * 60 * 24 * 30),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
    // Failures on one account from all addresses together, after which each further attempt waits 1, 2, 4 … 30 s.
    LOGIN_ACCOUNT_FAILURES_BEFORE_DELAY: z.coerce.number().int().min(1).default(10),
    SIGN_INS_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    REFRESHES_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    // Live sessions per user: signing in once more ends the oldest.
    SESSIONS_PER_USER: z.coerce.number().int().min(1).default(10),
    SESSION_PURGE_INTERVAL_MS: z.coerce.number().int().min(10).default(60 * 60_000),
    REGISTRATION_MAX_PER_IP: z.coerce.number().int().min(1).default(10),
    REGISTRATION_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60 * 60),
    EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().positive().default(48),
    PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
    ACCOUNT_MAILS_PER_HOUR: z.coerce.number().int().min(1).default(3),
    ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(20),
    EXPORTS_PER_HOUR: z.coerce.number().int().min(1).default(5),
  });
  return {
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxLifetimeSeconds: e.SESSION_MAX_LIFETIME_SECONDS,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    loginFailureWindowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
    loginAccountFailuresBeforeDelay: e.LOGIN_ACCOUNT_FAILURES_BEFORE_DELAY,
    signInsPerAccountPerMinute: e.SIGN_INS_PER_ACCOUNT_PER_MINUTE,
    refreshesPerAccountPerMinute: e.REFRESHES_PER_ACCOUNT_PER_MINUTE,
    sessionsPerUser: e.SESSIONS_PER_USER,
    sessionPurgeIntervalMs: e.SESSION_PURGE_INTERVAL_MS,
    registrationMaxPerIp: e.REGISTRATION_MAX_PER_IP,
    registrationWindowSeconds: e.REGISTRATION_WINDOW_SECONDS,
    verificationTokenTtlSeconds: Math.round(e.EMAIL_VERIFICATION_TTL_HOURS * 3600),
    resetTokenTtlSeconds: Math.round(e.PASSWORD_RESET_TTL_MINUTES * 60),
    accountMailsPerHour: e.ACCOUNT_MAILS_PER_HOUR,
    accountMailsPerAddressPerHour: e.ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR,
    exportsPerHour: e.EXPORTS_PER_HOUR,
  };
}
