import type { Knex } from 'knex';

export interface StatementResult {
  rows: unknown[];
  rowCount: number | null;
}

/**
 * Sends complete statements (values inlined by knex's `toQuery()`, which escapes them) to PostgreSQL in one round
 * trip and returns each one's result, in order. The simple query protocol runs them one after another, each with a
 * snapshot of its own: a statement after a lock sees everything committed before the lock was granted. The first
 * that fails ends the batch with its error. Sent outside a transaction, they run as one implicit transaction (a
 * transaction-scoped lock is held to its end).
 */
export async function inOneRoundTrip(trx: Knex, statements: readonly string[]): Promise<StatementResult[]> {
  const results = (await trx.raw(statements.join(';\n'))) as unknown as StatementResult[] | StatementResult;
  return Array.isArray(results) ? results : [results];
}

/** The statement that takes a transaction-scoped advisory lock on `name`, held until commit or rollback. */
export function advisoryLockStatement(trx: Knex, name: string): string {
  return trx.raw('select pg_advisory_xact_lock(hashtext(?))', [name]).toQuery();
}
