import type { Knex } from 'knex';
import { UserStream } from '../../../proto/streams';
import type { Principal } from '../../../src/auth/principal';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { recordEvent } from '../../../src/messaging/outbox';
import { hashAccountToken, isUsable, looksLikeAccountToken } from '../domain/account-token';
import type { User } from '../domain/user';
import { UserErrors } from '../domain/users.errors';
import { lockAccountToken, markAccountTokenUsed } from '../infrastructure/account-token.repository';
import { lockUser, updateUser } from '../infrastructure/user.repository';
import { claimAccountMail } from './account-mail-limits';
import { issueAccountToken, profileSnapshot } from './user-event-payloads';
import type { UsersContext } from './users-context';

/** Mints a verification token for the user (earlier ones stop working) and records the event that mails its link. */
export async function requestVerification(trx: Knex.Transaction, personal: PersonalDataSeal, user: User, ttlSeconds: number): Promise<void> {
  await recordEvent(trx, UserStream, user.id, 'emailVerificationRequested', await issueAccountToken(trx, personal, user, 'verify_email', ttlSeconds));
}

/** Follows a verification link: the address counts as the user's from now on. The token works once. */
export async function verifyEmail(context: Pick<UsersContext, 'db' | 'personal'>, token: string): Promise<void> {
  if (!looksLikeAccountToken(token)) throw UserErrors.invalidAccountToken();
  await context.db.transaction(async (trx) => {
    const now = new Date();
    const found = await lockAccountToken(trx, hashAccountToken(token));
    if (!isUsable(found, 'verify_email', now)) throw UserErrors.invalidAccountToken();
    await markAccountTokenUsed(trx, found.id, now);
    const user = await lockUser(trx, found.userId);
    if (!user || user.erasedAt !== null) throw UserErrors.invalidAccountToken();
    if (user.emailVerified) return;
    await markVerified(trx, context.personal, user, now);
  });
}

/** Marks a locked user's address verified and records EmailVerified. */
export async function markVerified(trx: Knex.Transaction, personal: PersonalDataSeal, user: User, now: Date): Promise<User> {
  const verified = await updateUser(trx, user.id, { emailVerifiedAt: now, updatedAt: now });
  const { userId, role, emailVerified, sealed } = await profileSnapshot(trx, personal, verified);
  await recordEvent(trx, UserStream, userId, 'emailVerified', { userId, role, emailVerified, sealed });
  return verified;
}

/**
 * Mails the caller a fresh verification link; a verified account is told nothing new (204 either way). At most
 * `accountMailsPerHour` per account and `accountMailsPerAddressPerHour` per client address.
 */
export async function resendVerification(context: UsersContext, caller: Principal, ip: string): Promise<void> {
  await claimAccountMail(context, 'verification_resend', `user:${caller.userId}`, ip);
  await context.db.transaction(async (trx) => {
    const user = await lockUser(trx, caller.userId);
    if (!user || user.erasedAt !== null || user.emailVerified) return;
    await requestVerification(trx, context.personal, user, context.auth.verificationTokenTtlSeconds);
  });
}
