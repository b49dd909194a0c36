import type { Knex } from 'knex';
import { advisoryLockStatement, inOneRoundTrip } from '../../../src/db/one-round-trip';
import { hashEmail } from '../domain/email';

export type PasswordAttemptKind = 'sign_in' | 'password_change';

export interface RecentAttempts {
  /** Newest first, at most as many as the limit asked for. */
  forPair: Date[];
  forAddress: Date[];
  /** The account's attempts from every address. */
  forAccount: Date[];
  now: Date;
}

/** Seconds to wait before another attempt, or undefined when one is allowed now. */
export type AttemptDecision<T> = (recent: T) => number | undefined;

/**
 * Runs `waitFor` on the recent password attempts of an account from an address, and of the address, while
 * holding locks on both (account first, then address, in every caller: no deadlocks; taken, and the attempts read,
 * in one round trip), and records a new attempt when no wait is needed. Concurrent attempts queue on the locks, so
 * each sees every earlier one.
 */
export async function claimPasswordAttempt(
  db: Knex,
  attempt: { email: string; ip: string; kind: PasswordAttemptKind },
  window: { seconds: number; pairLimit: number; addressLimit: number; accountLimit: number },
  waitFor: AttemptDecision<RecentAttempts>,
): Promise<{ retryAfterSeconds: number } | { attempted: true }> {
  const emailHash = hashEmail(attempt.email);
  return db.transaction(async (trx) => {
    const forgetOld = trx('password_attempts')
      .where((q) => q.where({ email_hash: emailHash }).orWhere({ ip: attempt.ip }))
      .andWhereRaw('attempted_at <= now() - make_interval(secs => ?)', [window.seconds])
      .delete()
      .toQuery();
    const recent = trx.raw(
      `select
         array(select attempted_at from password_attempts where email_hash = :emailHash and ip = :ip
               order by attempted_at desc limit :pairLimit) as for_pair,
         array(select attempted_at from password_attempts where ip = :ip
               order by attempted_at desc limit :addressLimit) as for_address,
         array(select attempted_at from password_attempts where email_hash = :emailHash
               order by attempted_at desc limit :accountLimit) as for_account,
         now() as now`,
      { emailHash, ip: attempt.ip, pairLimit: window.pairLimit, addressLimit: window.addressLimit, accountLimit: window.accountLimit },
    );
    const [, , , read] = await inOneRoundTrip(trx, [
      advisoryLockStatement(trx, `password-attempts:account:${emailHash}`),
      advisoryLockStatement(trx, `password-attempts:address:${attempt.ip}`),
      forgetOld,
      recent.toQuery(),
    ]);
    const row = read.rows[0] as { for_pair: Date[]; for_address: Date[]; for_account: Date[]; now: Date };
    const retryAfterSeconds = waitFor({ forPair: row.for_pair, forAddress: row.for_address, forAccount: row.for_account, now: row.now });
    if (retryAfterSeconds !== undefined) return { retryAfterSeconds };
    await trx('password_attempts').insert({ email_hash: emailHash, ip: attempt.ip, kind: attempt.kind });
    return { attempted: true as const };
  });
}

/** A successful sign-in: the account's failed attempts from that address are forgotten, this one included. */
export async function forgetSignInAttempts(db: Knex, attempt: { email: string; ip: string }): Promise<void> {
  await db('password_attempts').where({ email_hash: hashEmail(attempt.email), ip: attempt.ip, kind: 'sign_in' }).delete();
}

/** Like claimPasswordAttempt, for registrations from an address: every registration costs a password hash. */
export async function claimRegistrationAttempt(
  db: Knex,
  ip: string,
  window: { seconds: number; limit: number },
  waitFor: AttemptDecision<{ recent: Date[]; now: Date }>,
): Promise<{ retryAfterSeconds: number } | { attempted: true }> {
  return db.transaction(async (trx) => {
    const forgetOld = trx('registration_attempts').where({ ip }).andWhereRaw('attempted_at <= now() - make_interval(secs => ?)', [window.seconds]).delete();
    const recent = trx.raw(
      `select array(select attempted_at from registration_attempts where ip = ? order by attempted_at desc limit ?) as recent, now() as now`,
      [ip, window.limit],
    );
    const [, , read] = await inOneRoundTrip(trx, [advisoryLockStatement(trx, `registration-attempts:${ip}`), forgetOld.toQuery(), recent.toQuery()]);
    const retryAfterSeconds = waitFor(read.rows[0] as { recent: Date[]; now: Date });
    if (retryAfterSeconds !== undefined) return { retryAfterSeconds };
    await trx('registration_attempts').insert({ ip });
    return { attempted: true as const };
  });
}

/** Deletes attempts older than their windows, a batch at a time; true when a batch was full (more to delete). */
export async function deleteStaleAttempts(db: Knex, windows: { passwordSeconds: number; registrationSeconds: number }, batch: number): Promise<boolean> {
  const passwords = await db.raw<{ rowCount: number }>(
    `delete from password_attempts where id in
       (select id from password_attempts where attempted_at <= now() - make_interval(secs => ?) limit ?)`,
    [windows.passwordSeconds, batch],
  );
  const registrations = await db.raw<{ rowCount: number }>(
    `delete from registration_attempts where id in
       (select id from registration_attempts where attempted_at <= now() - make_interval(secs => ?) limit ?)`,
    [windows.registrationSeconds, batch],
  );
  return passwords.rowCount === batch || registrations.rowCount === batch;
}

export type AccountRequestKind = 'verification_resend' | 'password_reset' | 'registration_attempt' | 'export';

/**
 * Like claimRegistrationAttempt, for requests that send mail or assemble data: each subject (an address, an email,
 * an account) may make `limit` of the kind per window. Subjects are locked in a fixed order (sorted), so concurrent
 * requests queue and each sees every earlier one. Records the request when every subject is under its limit.
 */
export async function claimAccountRequest(
  db: Knex,
  kind: AccountRequestKind,
  subjects: ReadonlyArray<{ subject: string; limit: number }>,
  windowSeconds: number,
  waitFor: AttemptDecision<{ recent: Date[]; limit: number; now: Date }>,
): Promise<{ retryAfterSeconds: number } | { attempted: true }> {
  const ordered = [...subjects].sort((a, b) => a.subject.localeCompare(b.subject));
  return db.transaction(async (trx) => {
    const statements = ordered.flatMap(({ subject, limit }) => [
      advisoryLockStatement(trx, `account-requests:${kind}:${subject}`),
      trx
        .raw(
          `select array(select requested_at from account_requests where kind = ? and subject = ? and requested_at > now() - make_interval(secs => ?)
                        order by requested_at desc limit ?) as recent, now() as now`,
          [kind, subject, windowSeconds, limit],
        )
        .toQuery(),
    ]);
    const results = await inOneRoundTrip(trx, statements);
    const waits = ordered.map(({ limit }, i) => waitFor({ ...(results[2 * i + 1].rows[0] as { recent: Date[]; now: Date }), limit }));
    const retryAfterSeconds = Math.max(...waits.map((wait) => wait ?? 0));
    if (retryAfterSeconds > 0) return { retryAfterSeconds };
    await trx('account_requests').insert(ordered.map(({ subject }) => ({ kind, subject })));
    return { attempted: true as const };
  });
}

/** Deletes account requests older than the window, a batch at a time; true when a batch was full. */
export async function deleteStaleAccountRequests(db: Knex, windowSeconds: number, batch: number): Promise<boolean> {
  const deleted = await db.raw<{ rowCount: number }>(
    `delete from account_requests where id in (select id from account_requests where requested_at <= now() - make_interval(secs => ?) limit ?)`,
    [windowSeconds, batch],
  );
  return deleted.rowCount === batch;
}

/** An erased account's sign-in attempts. */
export async function forgetPasswordAttemptsOf(trx: Knex.Transaction, email: string): Promise<void> {
  await trx('password_attempts').where({ email_hash: hashEmail(email) }).delete();
}

export async function forgetAccountRequestsOf(trx: Knex.Transaction, subjects: readonly string[]): Promise<void> {
  await trx('account_requests').whereIn('subject', subjects).delete();
}
