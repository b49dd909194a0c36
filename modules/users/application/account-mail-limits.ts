import { secondsUntilUnblocked } from '../domain/login-throttle';
import { UserErrors } from '../domain/users.errors';
import { claimAccountRequest, type AccountRequestKind } from '../infrastructure/attempt.repository';
import type { UsersContext } from './users-context';

const HOUR_SECONDS = 3600;

type Limits = Pick<UsersContext, 'db' | 'auth'>;

function claim(context: Limits, kind: AccountRequestKind, subjects: ReadonlyArray<{ subject: string; limit: number }>) {
  return claimAccountRequest(context.db, kind, subjects, HOUR_SECONDS, ({ recent, limit, now }) =>
    secondsUntilUnblocked(recent, { maxFailures: limit, windowSeconds: HOUR_SECONDS }, now),
  );
}

/**
 * Counts a request that mails a link (429 with Retry-After beyond the limits): per subject (an account, or an email
 * whether or not it has one, so the answer reveals nothing) and per client address.
 */
export async function claimAccountMail(context: Limits, kind: AccountRequestKind, subject: string, ip: string): Promise<void> {
  const claimed = await claim(context, kind, [
    { subject, limit: context.auth.accountMailsPerHour },
    { subject: `ip:${ip}`, limit: context.auth.accountMailsPerAddressPerHour },
  ]);
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRequests(claimed.retryAfterSeconds);
}

/** Like claimAccountMail for mail nobody asked for by name (a note to an owner): true when it may go, counted. */
export async function mayMailAccount(context: Limits, kind: AccountRequestKind, subject: string): Promise<boolean> {
  return 'attempted' in (await claim(context, kind, [{ subject, limit: context.auth.accountMailsPerHour }]));
}

/** Counts a personal-data export of the account (429 with Retry-After beyond `exportsPerHour`). */
export async function claimExport(context: Limits, userId: string): Promise<void> {
  const claimed = await claim(context, 'export', [{ subject: `user:${userId}`, limit: context.auth.exportsPerHour }]);
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRequests(claimed.retryAfterSeconds);
}
