import type { Config } from '../../../src/config/config';
import { normalizeEmail } from '../domain/email';
import { secondsUntilUnblocked } from '../domain/login-throttle';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { clearAccountLoginFailures, recentLoginFailures, recordLoginFailure } from '../infrastructure/login-failure.repository';
import { findUserByEmail } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

export interface Credentials {
  email: string;
  password: string;
  ip: string;
}

type LoginLimits = Pick<Config['auth'], 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginFailureWindowSeconds'>;

/** Refuses with 429 while the account or the client IP has too many recent failures. */
export async function assertSignInAllowed(db: UsersContext['db'], limits: LoginLimits, email: string, ip: string): Promise<void> {
  const windowSeconds = limits.loginFailureWindowSeconds;
  const recent = await recentLoginFailures(db, {
    email,
    ip,
    windowSeconds,
    accountLimit: limits.loginMaxFailuresPerAccount,
    ipLimit: limits.loginMaxFailuresPerIp,
  });
  const waits = [
    secondsUntilUnblocked(recent.forAccount, { maxFailures: limits.loginMaxFailuresPerAccount, windowSeconds }, recent.now),
    secondsUntilUnblocked(recent.forIp, { maxFailures: limits.loginMaxFailuresPerIp, windowSeconds }, recent.now),
  ].filter((wait): wait is number => wait !== undefined);
  if (waits.length > 0) throw UserErrors.tooManyAttempts(Math.max(...waits));
}

/**
 * Checks an email and password. Unknown emails and wrong passwords fail the same way, in about the same
 * time, and both count against the account and the IP.
 */
export async function authenticateUser(
  { db, auth: limits, passwords }: Pick<UsersContext, 'db' | 'auth' | 'passwords'>,
  credentials: Credentials,
): Promise<User> {
  const email = normalizeEmail(credentials.email);
  await assertSignInAllowed(db, limits, email, credentials.ip);

  const user = await findUserByEmail(db, email);
  const valid = user ? await passwords.verify(user.passwordHash, credentials.password) : await passwords.verifyAgainstDummy(credentials.password);
  if (!user || !valid) {
    await recordLoginFailure(db, { email, ip: credentials.ip, windowSeconds: limits.loginFailureWindowSeconds });
    throw UserErrors.invalidCredentials();
  }
  await clearAccountLoginFailures(db, email);
  return user.toUser();
}
