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
import { UserErrors } from '../domain/users.errors';
import { secondsUntilUnblocked } from '../domain/login-throttle';
import { claimRegistrationAttempt } from '../infrastructure/attempt.repository';
import { insertUser } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

/** Creates an account with the given role (seeding, operators); the public API registers through registerCustomer. */
export async function registerUser(
  { db, passwords }: Pick<UsersContext, 'db' | 'passwords'>,
  registration: Registration,
  role: Role = 'customer',
): Promise<User> {
  return createAccount(db, passwords, validRegistration(registration), role);
}

/**
 * A registration from the public API: at most `registrationMaxPerIp` valid attempts per address and window,
 * since each costs a password hash (and would let anyone probe which emails exist).
 */
export async function registerCustomer(
  context: Pick<UsersContext, 'db' | 'passwords' | 'auth'>,
  registration: Registration,
  ip: string,
): Promise<User> {
  const account = validRegistration(registration);
  const window = { maxFailures: context.auth.registrationMaxPerIp, windowSeconds: context.auth.registrationWindowSeconds };
  const claimed = await claimRegistrationAttempt(
    context.db,
    ip,
    { seconds: window.windowSeconds, limit: window.maxFailures },
    ({ recent, now }) => secondsUntilUnblocked(recent, window, now),
  );
  if ('retryAfterSeconds' in claimed) throw UserErrors.tooManyRegistrations(claimed.retryAfterSeconds);
  return createAccount(context.db, context.passwords, account, 'customer');
}

function validRegistration(registration: Registration): Registration {
  const email = normalizeEmail(registration.email);
  const name = checkName(registration.name);
  const problems = [...emailProblems(email), ...passwordProblems(registration.password, { email }), ...name.problems];
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  return { email, name: name.value, password: registration.password };
}

async function createAccount(
  db: UsersContext['db'],
  passwords: UsersContext['passwords'],
  account: Registration,
  role: Role,
): Promise<User> {
  const passwordHash = await passwords.hash(account.password);
  try {
    return await db.transaction(async (trx) => {
      const user = await insertUser(trx, {
        id: randomUUID(),
        email: account.email,
        name: account.name,
        phone: null,
        defaultShippingAddress: null,
        role,
        passwordHash,
      });
      await recordEvent(trx, UserStream, user.id, 'userRegistered', profileSnapshot(user));
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw UserErrors.emailTaken();
    throw error;
  }
}
