import type { Knex } from 'knex';
import type { AccountToken, AccountTokenPurpose } from '../domain/account-token';

interface AccountTokenRow {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
}

function toAccountToken(row: AccountTokenRow): AccountToken {
  return { id: row.id, userId: row.user_id, purpose: row.purpose, expiresAt: row.expires_at, usedAt: row.used_at };
}

/** Stores a new token for the purpose and deletes the user's earlier unused ones: only the latest link works. */
export async function replaceAccountToken(
  trx: Knex.Transaction,
  token: { id: string; userId: string; purpose: AccountTokenPurpose; hash: string; expiresAt: Date },
): Promise<void> {
  await trx('account_tokens').where({ user_id: token.userId, purpose: token.purpose }).whereNull('used_at').delete();
  await trx('account_tokens').insert({ id: token.id, user_id: token.userId, purpose: token.purpose, token_hash: token.hash, expires_at: token.expiresAt });
}

export async function findAccountToken(db: Knex, hash: string): Promise<AccountToken | undefined> {
  const row = await db<AccountTokenRow>('account_tokens').where({ token_hash: hash }).first();
  return row && toAccountToken(row);
}

/** The token with this hash, locked: two requests presenting it at once are served one after the other. */
export async function lockAccountToken(trx: Knex.Transaction, hash: string): Promise<AccountToken | undefined> {
  const row = await trx<AccountTokenRow>('account_tokens').where({ token_hash: hash }).forUpdate().first();
  return row && toAccountToken(row);
}

export async function markAccountTokenUsed(trx: Knex.Transaction, tokenId: string, at: Date): Promise<void> {
  await trx('account_tokens').where({ id: tokenId }).update({ used_at: at });
}

/** Every token of the user, for the purposes given (a reset ends pending resets; erasure ends all). */
export async function deleteAccountTokens(trx: Knex.Transaction, userId: string, purposes: readonly AccountTokenPurpose[]): Promise<void> {
  await trx('account_tokens').where({ user_id: userId }).whereIn('purpose', purposes).delete();
}

/** Deletes tokens that expired more than a day ago, a batch at a time; true when a batch was full. */
export async function deleteExpiredAccountTokens(db: Knex, batch: number): Promise<boolean> {
  const deleted = await db.raw<{ rowCount: number }>(
    `delete from account_tokens where id in (select id from account_tokens where expires_at < now() - interval '1 day' limit ?)`,
    [batch],
  );
  return deleted.rowCount === batch;
}
