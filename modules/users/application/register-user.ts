import { randomUUID } from 'node:crypto';
import { UserStream } from '../../../proto/streams';
import type { Role } from '../../../src/auth/principal';
import { isUniqueViolation } from '../../../src/db/database';
import { recordEvent } from '../../../src/messaging/outbox';
import { emailProblems, normalizeEmail } from '../domain/email';
import { passwordProblems } from '../domain/password-policy';
import { checkName } from '../domain/profile';
import type { User } from '../domain/user';
import { profileSnapshot } from './user-event-payloads';
import { requestVerification } from './verify-email';
import { mayMailAccount } from './account-mail-limits';
import { UserErrors } from '../domain/users.errors';
import { secondsUntilUnblocked } from '../domain/login-throttle';
import { claimRegistrationAttempt } from '../infrastructure/attempt.repository';
import { findUserByEmail, insertUser } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

/** Creates an account with the given role (seeding, operators): its address counts as verified. */
export async function registerUser(
  context: Pick<UsersContext, 'db' | 'passwords' | 'personal'>,
  registration: Registration,
  role: Role = 'customer',
): Promise<User> {
  const account = validRegistration(registration);
  const created = await createAccount(context, account, await context.passwords.hash(account.password), { role });
  if (!created) throw UserErrors.emailTaken();
  return created.user;
}

/**
 * A registration from the public API. It says nothing about whether the email has an account: a new account's
 * owner is sent a verification link, the owner of a taken address a note that someone tried (with the way to
 * reset a forgotten password); the password is hashed either way, so both take as long. At most
 * `registrationMaxPerIp` valid attempts per client address and window.
 */
export async function registerCustomer(context: Pick<UsersContext, 'db' | 'passwords' | 'auth' | 'personal'>, registration: Registration, ip: string): Promise<void> {
  const account = validRegistration(registration);
  const window = { maxFailures: context.auth.registrationMaxPerIp, windowSeconds: context.auth.registrationWindowSeconds };
  const claimed = await claimRegistrationAttempt(
    context.db,
    ip,
    { seconds: window.windowSeconds, limit: window.maxFailures },
    ({ recent, now }) => secondsUntilUnblocked(recent, window, now),
  );
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRegistrations(claimed.retryAfterSeconds);
  const passwordHash = await context.passwords.hash(account.password);
  const created = await createAccount(context, account, passwordHash, {
    role: 'customer',
    verificationTtlSeconds: context.auth.verificationTokenTtlSeconds,
  });
  if (created) return;
  const owner = await findUserByEmail(context.db, account.email);
  if (!owner || owner.erasedAt !== null) return;
  // The owner hears of it at most `accountMailsPerHour` times an hour, however many addresses try; beyond, silently.
  if (!(await mayMailAccount(context, 'registration_attempt', `user:${owner.id}`))) return;
  await context.db.transaction(async (trx) => {
    await recordEvent(trx, UserStream, owner.id, 'registrationAttempted', { userId: owner.id });
  });
}

function validRegistration(registration: Registration): Registration {
  const email = normalizeEmail(registration.email);
  const name = checkName(registration.name);
  const problems = [...emailProblems(email), ...passwordProblems(registration.password, { email }), ...name.problems];
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  return { email, name: name.value, password: registration.password };
}

/**
 * The new account, undefined when the email is taken. With `verificationTtlSeconds` its address is unverified and a
 * verification link valid that long is mailed; without, it counts as verified.
 */
async function createAccount(
  context: Pick<UsersContext, 'db' | 'personal'>,
  account: Registration,
  passwordHash: string,
  { role, verificationTtlSeconds }: { role: Role; verificationTtlSeconds?: number },
): Promise<{ user: User } | undefined> {
  try {
    return await context.db.transaction(async (trx) => {
      const user = await insertUser(trx, {
        id: randomUUID(),
        email: account.email,
        name: account.name,
        phone: null,
        defaultShippingAddress: null,
        role,
        passwordHash,
        emailVerifiedAt: verificationTtlSeconds === undefined ? new Date() : null,
        dataKey: context.personal.newUserKey(),
      });
      await recordEvent(trx, UserStream, user.id, 'userRegistered', await profileSnapshot(trx, context.personal, user));
      if (verificationTtlSeconds !== undefined) await requestVerification(trx, context.personal, user, verificationTtlSeconds);
      return { user };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) return undefined;
    throw error;
  }
}
