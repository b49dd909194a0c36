import type { Knex } from 'knex';
import type { StatementResult } from './one-round-trip';

/** What a transaction sent in few round trips can do: send statements, and end by sending the last ones with COMMIT. */
export interface RoundTrips {
  /** Sends complete statements (values inlined by knex's `toQuery()`) together and returns each one's result. */
  send(statements: readonly string[]): Promise<StatementResult[]>;
  /** Sends the last statements together with COMMIT: the transaction has ended when this answers. */
  commitWith(statements: readonly string[]): Promise<StatementResult[]>;
}

interface RawConnection {
  query(sql: string): Promise<StatementResult | StatementResult[]>;
}

/**
 * Runs a transaction on one pooled connection in as few round trips as its logic allows: statements that do not
 * depend on each other's results travel together in one simple-protocol query, the first with BEGIN and the last
 * with COMMIT, so a request that reads what it needs and then writes costs two round trips, not one per statement.
 * Anything that fails (a statement, or `work` refusing) rolls the transaction back.
 *
 * `work` must end with `commitWith`; returning without it rolls back. Values are inlined by knex, which escapes them.
 */
export async function inFewRoundTrips<T>(db: Knex, work: (trips: RoundTrips) => Promise<T>): Promise<T> {
  const connection = (await db.client.acquireConnection()) as RawConnection;
  const transaction: { state: 'none' | 'open' | 'ended' } = { state: 'none' };
  const run = async (statements: readonly string[], commit: boolean): Promise<StatementResult[]> => {
    if (transaction.state === 'ended') throw new Error('the transaction has ended');
    const begin = transaction.state === 'none' ? ['begin'] : [];
    const sql = [...begin, ...statements, ...(commit ? ['commit'] : [])].join(';\n');
    transaction.state = commit ? 'ended' : 'open';
    const answered = await connection.query(sql);
    const results = Array.isArray(answered) ? answered : [answered];
    return results.slice(begin.length, begin.length + statements.length);
  };
  try {
    const result = await work({ send: (statements) => run(statements, false), commitWith: (statements) => run(statements, true) });
    if (transaction.state === 'open') {
      transaction.state = 'ended';
      await connection.query('rollback');
    }
    return result;
  } catch (error) {
    // A failed statement aborts the transaction (a failed COMMIT ends it); either way, end it before the connection goes back.
    if (transaction.state !== 'none') await connection.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    db.client.releaseConnection(connection);
  }
}
