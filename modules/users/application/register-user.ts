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
import { insertUser } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';

export interface Registration {
  email: string;
  password: string;
  name: string;
}

export async function registerUser(
  { db, passwords }: Pick<UsersContext, 'db' | 'passwords'>,
  registration: Registration,
  role: Role = 'customer',
): Promise<User> {
  const email = normalizeEmail(registration.email);
  const name = checkName(registration.name);
  const problems = [...emailProblems(email), ...passwordProblems(registration.password, { email }), ...name.problems];
  if (problems.length > 0) throw UserErrors.validationFailed(problems);

  const passwordHash = await passwords.hash(registration.password);
  try {
    return await db.transaction(async (trx) => {
      const user = await insertUser(trx, {
        id: randomUUID(),
        email,
        name: name.value,
        phone: null,
        defaultShippingAddress: null,
        role,
        passwordHash,
      });
      await recordEvent(trx, UserStream, user.id, 'userRegistered', profileSnapshot(user.toUser()));
      return user.toUser();
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw UserErrors.emailTaken();
    throw error;
  }
}
