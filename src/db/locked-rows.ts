import type { Knex } from 'knex';

/**
 * Rows a transaction holds locked, as it last read or wrote them (`null`: it looked, and there is none), so that
 * the handlers of one consumer batch read the rows the batch locked up front instead of asking Postgres again.
 * Exact only because the rows stay locked until the transaction ends and every write to them in it goes through
 * the repository that keeps this record: a repository using it must `remember` each row it writes.
 */
export class LockedRows<Row> {
  private readonly byTransaction = new WeakMap<Knex.Transaction, Map<string, Row | null>>();

  /** The row as this transaction last saw it; `null` if it found none; `undefined` if it has not looked. */
  known(trx: Knex.Transaction, key: string): Row | null | undefined {
    return this.byTransaction.get(trx)?.get(key);
  }

  remember(trx: Knex.Transaction, key: string, row: Row | null): void {
    let rows = this.byTransaction.get(trx);
    if (!rows) this.byTransaction.set(trx, (rows = new Map()));
    rows.set(key, row);
  }
}
