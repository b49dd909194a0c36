import { UserStream } from '../../../proto/streams';
import { recordEvent } from '../../../src/messaging/outbox';
import { hashAccountToken, isUsable, looksLikeAccountToken } from '../domain/account-token';
import { hashEmail, normalizeEmail } from '../domain/email';
import { passwordProblems } from '../domain/password-policy';
import { UserErrors } from '../domain/users.errors';
import { findAccountToken, lockAccountToken, markAccountTokenUsed } from '../infrastructure/account-token.repository';
import { revokeOtherSessions } from '../infrastructure/session.repository';
import { findUser, findUserByEmail, lockUser, updateUser } from '../infrastructure/user.repository';
import { claimAccountMail } from './account-mail-limits';
import { announceEndedSessions } from './announce-ended-sessions';
import { issueAccountToken } from './user-event-payloads';
import { markVerified } from './verify-email';
import type { UsersContext } from './users-context';

/**
 * "I forgot my password": when the email has a live account, its owner is mailed a single-use link valid
 * `resetTokenTtlSeconds` (earlier links stop working). The answer is the same whether or not it has one, and so are
 * the limits: per email and per client address.
 */
export async function requestPasswordReset(context: UsersContext, email: string, ip: string): Promise<void> {
  const normalized = normalizeEmail(email);
  await claimAccountMail(context, 'password_reset', `email:${hashEmail(normalized)}`, ip);
  await context.db.transaction(async (trx) => {
    const found = await findUserByEmail(trx, normalized);
    if (!found || found.erasedAt !== null) return;
    const user = (await lockUser(trx, found.id))!;
    const issued = await issueAccountToken(trx, context.personal, user, 'reset_password', context.auth.resetTokenTtlSeconds);
    await recordEvent(trx, UserStream, user.id, 'passwordResetRequested', issued);
  });
}

/**
 * Sets a new password with a reset link's token (once, before it expires). Every session of the account ends, the
 * owner is mailed a notice, and the address counts as verified: the link reached its mailbox.
 */
export async function confirmPasswordReset(context: UsersContext, token: string, newPassword: string): Promise<void> {
  if (!looksLikeAccountToken(token)) throw UserErrors.invalidAccountToken();
  const tokenHash = hashAccountToken(token);
  // Checked before the password is hashed (slow), and again under the locks when it is set.
  const found = await findAccountToken(context.db, tokenHash);
  if (!isUsable(found, 'reset_password', new Date())) throw UserErrors.invalidAccountToken();
  const owner = await findUser(context.db, found.userId);
  if (!owner || owner.erasedAt !== null) throw UserErrors.invalidAccountToken();
  const problems = passwordProblems(newPassword, { email: owner.email });
  if (problems.length > 0) throw UserErrors.validationFailed(problems.map((p) => ({ ...p, field: 'newPassword' })));
  const passwordHash = await context.passwords.hash(newPassword);
  await context.db.transaction(async (trx) => {
    const now = new Date();
    const token = await lockAccountToken(trx, tokenHash);
    if (!isUsable(token, 'reset_password', now)) throw UserErrors.invalidAccountToken();
    await markAccountTokenUsed(trx, token.id, now);
    const user = await lockUser(trx, token.userId);
    if (!user || user.erasedAt !== null) throw UserErrors.invalidAccountToken();
    await updateUser(trx, user.id, { passwordHash, updatedAt: now });
    if (!user.emailVerified) await markVerified(trx, context.personal, user, now);
    await announceEndedSessions(trx, user.id, await revokeOtherSessions(trx, user.id, undefined, 'password_reset', now), 'password_reset');
    await recordEvent(trx, UserStream, user.id, 'passwordChanged', { userId: user.id, how: 'reset' });
  });
}
