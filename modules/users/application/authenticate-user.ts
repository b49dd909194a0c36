import type { Knex } from 'knex';
import type { Config } from '../../../src/config/config';
import { normalizeEmail } from '../domain/email';
import { secondsUntilUnblocked } from '../domain/login-throttle';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { clearAccountLoginFailures, recentLoginFailures, recordLoginFailure } from '../infrastructure/login-failures';
import { verifyAgainstDummy, verifyPassword } from '../infrastructure/password-hasher';
import { UserModel } from '../infrastructure/user.model';

export interface Credentials {
  email: string;
  password: string;
  ip: string;
}

type LoginLimits = Pick<Config['auth'], 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginFailureWindowSeconds'>;

/** Refuses with 429 while the account or the client IP has too many recent failures. */
export async function assertSignInAllowed(db: Knex, limits: LoginLimits, email: string, ip: string): Promise<void> {
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
export async function authenticateUser(db: Knex, limits: LoginLimits, credentials: Credentials): Promise<User> {
  const email = normalizeEmail(credentials.email);
  await assertSignInAllowed(db, limits, email, credentials.ip);

  const user = await UserModel.query(db).findOne({ email });
  const valid = user
    ? await verifyPassword(user.passwordHash, credentials.password)
    : await verifyAgainstDummy(credentials.password);
  if (!user || !valid) {
    await recordLoginFailure(db, { email, ip: credentials.ip, windowSeconds: limits.loginFailureWindowSeconds });
    throw UserErrors.invalidCredentials();
  }
  await clearAccountLoginFailures(db, email);
  return user.toUser();
}
