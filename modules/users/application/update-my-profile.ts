import type { FieldProblem } from '../../../src/errors/domain-error';
import type { Principal } from '../../../src/auth/principal';
import { UserStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { passwordProblems } from '../domain/password-policy';
import { checkAddress, checkName, checkPhone, sameAddress, type Address } from '../domain/profile';
import type { User } from '../domain/user';
import { profileSnapshot } from './user-event-payloads';
import { UserErrors } from '../domain/users.errors';
import { claimPasswordCheck } from './authenticate-user';
import { revokeOtherSessions } from '../infrastructure/session.repository';
import { findUserWithPassword, lockUser, updateUser } from '../infrastructure/user.repository';
import type { UsersContext } from './users-context';
import { announceEndedSessions } from './announce-ended-sessions';

/** Absent fields stay as they are; `null` clears an optional field. */
export interface ProfileChanges {
  name?: string;
  phone?: string | null;
  defaultShippingAddress?: Address | null;
  newPassword?: string;
  currentPassword?: string;
}

type CheckedChanges = Pick<User, 'name' | 'phone' | 'defaultShippingAddress'>;

function checkChanges(changes: ProfileChanges, email: string): Partial<CheckedChanges> {
  const problems: FieldProblem[] = [];
  const checked: Partial<CheckedChanges> = {};
  if (changes.name !== undefined) {
    const name = checkName(changes.name);
    problems.push(...name.problems);
    checked.name = name.value;
  }
  if (changes.phone !== undefined) {
    const phone = changes.phone === null ? null : checkPhone(changes.phone);
    problems.push(...(phone?.problems ?? []));
    checked.phone = phone?.value ?? null;
  }
  if (changes.defaultShippingAddress !== undefined) {
    const address = changes.defaultShippingAddress === null ? null : checkAddress(changes.defaultShippingAddress);
    problems.push(...(address?.problems ?? []));
    checked.defaultShippingAddress = address?.value ?? null;
  }
  if (changes.newPassword !== undefined) {
    problems.push(...passwordProblems(changes.newPassword, { email, field: 'newPassword' }));
  }
  if (problems.length > 0) throw UserErrors.validationFailed(problems);
  return checked;
}

function differs(user: User, checked: Partial<CheckedChanges>): boolean {
  return (
    (checked.name !== undefined && checked.name !== user.name) ||
    (checked.phone !== undefined && checked.phone !== user.phone) ||
    (checked.defaultShippingAddress !== undefined &&
      !sameAddress(checked.defaultShippingAddress, user.defaultShippingAddress))
  );
}

/**
 * Updates the caller's own profile. A password change needs the current password (guesses count as
 * failed sign-ins) and signs out every other session, since one of them may belong to whoever knew the old
 * one; the session that made the change stays signed in.
 */
export async function updateMyProfile(context: UsersContext, caller: Principal, changes: ProfileChanges, ip: string): Promise<User> {
  const account = await findUserWithPassword(context.db, { id: caller.userId });
  if (!account) throw UserErrors.notFound();
  const existing = account.user;
  const checked = checkChanges(changes, existing.email);

  let newPasswordHash: string | undefined;
  if (changes.newPassword !== undefined) {
    if (changes.currentPassword === undefined) throw UserErrors.currentPasswordRequired();
    // Every password-change attempt counts, right or wrong: each checks a password and hashes another.
    await claimPasswordCheck(context.db, context.auth, { email: existing.email, ip, kind: 'password_change' });
    if (!(await context.passwords.verify(account.passwordHash, changes.currentPassword))) throw UserErrors.currentPasswordIncorrect();
    newPasswordHash = await context.passwords.hash(changes.newPassword);
  }

  return context.db.transaction(async (trx) => {
    const user = await lockUser(trx, caller.userId);
    if (!user) throw UserErrors.notFound();
    const profileChanged = differs(user, checked);
    if (!profileChanged && newPasswordHash === undefined) return user;

    const updated = await updateUser(trx, user.id, {
      ...checked,
      ...(newPasswordHash !== undefined ? { passwordHash: newPasswordHash } : {}),
      updatedAt: new Date(),
    });
    if (newPasswordHash !== undefined) {
      await announceEndedSessions(trx, user.id, await revokeOtherSessions(trx, user.id, caller.sessionId, 'password_changed', new Date()), 'password_changed');
      await recordEvent(trx, UserStream, user.id, 'passwordChanged', { userId: user.id, how: 'profile' });
    }
    if (profileChanged) {
      await recordEvent(trx, UserStream, user.id, 'userProfileUpdated', await profileSnapshot(trx, context.personal, updated));
    }
    return updated;
  });
}
