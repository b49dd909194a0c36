import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import type { Principal } from '../../../src/auth/principal';
import { recordEvent } from '../../../src/messaging/outbox';
import { isUuid } from '../../../src/validation/uuid';
import { hashEmail } from '../domain/email';
import { ERASED_NAME, erasedEmail, erasureOf, MODULES_HOLDING_PERSONAL_DATA, type Erasure } from '../domain/erasure';
import { UserErrors } from '../domain/users.errors';
import { deleteAccountTokens } from '../infrastructure/account-token.repository';
import { forgetAccountRequestsOf, forgetPasswordAttemptsOf } from '../infrastructure/attempt.repository';
import { anyErasureIncomplete, findErasure, insertErasure, recordErasureProgress } from '../infrastructure/erasure.repository';
import { revokeOtherSessions } from '../infrastructure/session.repository';
import { findUserWithPassword, lockUser, updateUser } from '../infrastructure/user.repository';
import { announceEndedSessions } from './announce-ended-sessions';
import { claimPasswordCheck } from './authenticate-user';
import { requireAdmin } from './require-admin';
import type { UsersContext } from './users-context';

/** Closes the caller's own account, after checking their password (a guess counts like a failed sign-in). */
export async function eraseMyAccount(context: UsersContext, caller: Principal, password: string, ip: string): Promise<Erasure> {
  const account = await findUserWithPassword(context.db, { id: caller.userId });
  if (!account || account.user.erasedAt !== null) throw UserErrors.notFound();
  await claimPasswordCheck(context.db, context.auth, { email: account.user.email, ip, kind: 'password_change' });
  if (!(await context.passwords.verify(account.passwordHash, password))) throw UserErrors.currentPasswordIncorrect('password');
  return eraseAccount(context, caller.userId, caller.userId);
}

/** An admin erases a customer's account (a request that reached the shop another way). Admins are demoted first. */
export async function eraseUserAsAdmin(context: UsersContext, caller: Principal, userId: string): Promise<Erasure> {
  await requireAdmin(context.db, caller);
  if (!isUuid(userId)) throw UserErrors.notFound();
  return eraseAccount(context, userId, caller.userId);
}

/** An erasure's progress: when it was asked for, and which modules have erased what they held. Admins only. */
export async function getErasure(context: Pick<UsersContext, 'db'>, caller: Principal, userId: string): Promise<Erasure> {
  await requireAdmin(context.db, caller);
  const found = isUuid(userId) ? await findErasure(context.db, userId) : undefined;
  if (!found) throw UserErrors.erasureNotFound();
  return erasureOf(found);
}

/** Whether an erasure waits for a module's report: the progress handlers run only then. */
export async function erasuresInProgress(db: Knex): Promise<boolean> {
  return anyErasureIncomplete(db, MODULES_HOLDING_PERSONAL_DATA.length);
}

/** Modules reported that they erased what they held about users (the users module's own part is recorded at once). */
export async function recordModuleErasures(trx: Knex.Transaction, reports: ReadonlyArray<{ userId: string; module: string; erasedAt: Date }>): Promise<void> {
  await recordErasureProgress(trx, reports);
}

/**
 * Anonymises the account at once, in one transaction: email, name, phone and address replaced, the password made
 * unusable, every session ended, pending links and the user's data key deleted (what earlier events sealed with it
 * can no longer be opened), and UserErased recorded for every other module. Erasing an erased account changes nothing.
 */
async function eraseAccount(context: UsersContext, userId: string, requestedBy: string): Promise<Erasure> {
  const unusablePassword = await context.passwords.hash(randomBytes(32).toString('base64'));
  await context.db.transaction(async (trx) => {
    const user = await lockUser(trx, userId);
    if (!user) throw UserErrors.notFound();
    if (user.erasedAt !== null) return;
    if (user.role === 'admin') throw UserErrors.adminErasure();
    const now = new Date();
    await forgetPasswordAttemptsOf(trx, user.email);
    await forgetAccountRequestsOf(trx, [`email:${hashEmail(user.email)}`, `user:${user.id}`]);
    await updateUser(trx, user.id, {
      email: erasedEmail(user.id),
      name: ERASED_NAME,
      phone: null,
      defaultShippingAddress: null,
      passwordHash: unusablePassword,
      emailVerifiedAt: null,
      erasedAt: now,
      dataKey: null,
      updatedAt: now,
    });
    await deleteAccountTokens(trx, user.id, ['verify_email', 'reset_password']);
    await announceEndedSessions(trx, user.id, await revokeOtherSessions(trx, user.id, undefined, 'erased', now), 'erased');
    await insertErasure(trx, { userId: user.id, requestedBy, requestedAt: now });
    await recordErasureProgress(trx, [{ userId: user.id, module: 'users', erasedAt: now }]);
    await recordEvent(trx, UserStream, user.id, 'userErased', { userId: user.id, requestedBy, erasedAt: now.toISOString() });
  });
  return erasureOf((await findErasure(context.db, userId))!);
}
