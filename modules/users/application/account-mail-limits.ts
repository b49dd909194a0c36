import { secondsUntilUnblocked } from '../domain/login-throttle';
import { UserErrors } from '../domain/users.errors';
import { claimAccountRequest, type AccountRequestKind } from '../infrastructure/attempt.repository';
import type { UsersContext } from './users-context';

const HOUR_SECONDS = 3600;

/**
 * Counts a request that mails a link (429 with Retry-After beyond the limits): per subject (an account, or an email
 * whether or not it has one, so the answer reveals nothing) and per client address.
 */
export async function claimAccountMail(context: Pick<UsersContext, 'db' | 'auth'>, kind: AccountRequestKind, subject: string, ip: string): Promise<void> {
  const claimed = await claimAccountRequest(
    context.db,
    kind,
    [
      { subject, limit: context.auth.accountMailsPerHour },
      { subject: `ip:${ip}`, limit: context.auth.accountMailsPerAddressPerHour },
    ],
    HOUR_SECONDS,
    ({ recent, limit, now }) => secondsUntilUnblocked(recent, { maxFailures: limit, windowSeconds: HOUR_SECONDS }, now),
  );
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRequests(claimed.retryAfterSeconds);
}
