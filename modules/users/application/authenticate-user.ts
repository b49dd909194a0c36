import type { UsersSettings } from './users-settings';
import { normalizeEmail } from '../domain/email';
import { MAX_ACCOUNT_DELAY_SECONDS, secondsUntilAccountAttempt, secondsUntilUnblocked } from '../domain/login-throttle';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { claimPasswordAttempt, forgetSignInAttempts, type PasswordAttemptKind } from '../infrastructure/attempt.repository';
import { findUserWithPassword } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

export interface Credentials {
  email: string;
  password: string;
  ip: string;
}

type LoginLimits = Pick<
  UsersSettings,
  'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginFailureWindowSeconds' | 'loginAccountFailuresBeforeDelay'
>;

/**
 * Records a password attempt before the password is checked, or refuses with 429 while the account has had too
 * many attempts from this address, or the address too many overall. Recording first, under a lock, is what
 * bounds the number of passwords checked however many guesses arrive at once. Attempts from other addresses do
 * not block this one: failures from anywhere cannot lock the owner out. They do slow the account down, from every
 * address, once there are many: a growing delay of at most 30 s between attempts.
 */
export async function claimPasswordCheck(
  db: UsersContext['db'],
  limits: LoginLimits,
  attempt: { email: string; ip: string; kind: PasswordAttemptKind },
): Promise<void> {
  const windowSeconds = limits.loginFailureWindowSeconds;
  const pair = { maxFailures: limits.loginMaxFailuresPerAccount, windowSeconds };
  const address = { maxFailures: limits.loginMaxFailuresPerIp, windowSeconds };
  const claimed = await claimPasswordAttempt(
    db,
    attempt,
    {
      seconds: windowSeconds,
      pairLimit: pair.maxFailures,
      addressLimit: address.maxFailures,
      // Enough to reach the longest delay; more would change nothing.
      accountLimit: limits.loginAccountFailuresBeforeDelay + Math.ceil(Math.log2(MAX_ACCOUNT_DELAY_SECONDS)) + 1,
    },
    (recent) => {
      const waits = [
        secondsUntilUnblocked(recent.forPair, pair, recent.now),
        secondsUntilUnblocked(recent.forAddress, address, recent.now),
        secondsUntilAccountAttempt(recent.forAccount, limits.loginAccountFailuresBeforeDelay, recent.now),
      ];
      const blocked = waits.filter((wait): wait is number => wait !== undefined);
      return blocked.length > 0 ? Math.max(...blocked) : undefined;
    },
  );
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyAttempts(claimed.retryAfterSeconds);
}

/**
 * Checks an email and password. Unknown emails and wrong passwords fail the same way, in about the same
 * time, and both count against the account (from this address) and the address.
 */
export async function authenticateUser(
  { db, auth: limits, passwords }: Pick<UsersContext, 'db' | 'auth' | 'passwords'>,
  credentials: Credentials,
): Promise<User> {
  const email = normalizeEmail(credentials.email);
  await claimPasswordCheck(db, limits, { email, ip: credentials.ip, kind: 'sign_in' });

  const account = await findUserWithPassword(db, { email });
  const valid = account ? await passwords.verify(account.passwordHash, credentials.password) : await passwords.verifyAgainstDummy(credentials.password);
  // A failed attempt stays recorded: it is what the throttle counts.
  if (!account || !valid) throw UserErrors.invalidCredentials();
  await forgetSignInAttempts(db, { email, ip: credentials.ip });
  return account.user;
}
