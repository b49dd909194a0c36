import knex, { type Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../logging/logger';

export type { Knex } from 'knex';

// COUNT(*) and bigint columns arrive as strings by default; our counts and ids fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** A connection pool whose search path is one module's schema only. */
export function createModuleDatabase(options: {
  url: string;
  schema: string;
  poolMax: number;
  acquireTimeoutMs?: number;
  /** Where knex's own warnings go (at debug: a failed connection attempt is the caller's error to report). */
  logger?: Logger;
}): Knex {
  const log = options.logger?.child({ component: 'knex' });
  return knex({
    client: 'pg',
    connection: options.url,
    searchPath: [options.schema],
    pool: { min: 0, max: options.poolMax },
    acquireConnectionTimeout: options.acquireTimeoutMs ?? 10_000,
    // A failed statement's error must not carry its SQL with the bound values into a log.
    compileSqlOnError: false,
    ...(log ? { log: { warn: (m: unknown) => log.debug(String(m)), error: (m: unknown) => log.debug(String(m)), deprecate: (m: unknown) => log.warn(String(m)), debug: (m: unknown) => log.debug(String(m)) } } : {}),
  });
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Creates the database named in the URL if it does not exist yet (first start on a fresh machine). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } catch (error) {
    // Two processes may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

type DriverError = { code?: string; constraint?: string; nativeError?: { code?: string; constraint?: string } };

/** The SQLSTATE of a failed statement, from the driver's error or from the one Objection wraps. */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as DriverError | undefined;
  return e?.code ?? e?.nativeError?.code;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as DriverError;
  const name = e.constraint ?? e.nativeError?.constraint;
  return sqlStateOf(error) === '23505' && (constraint === undefined || name === constraint);
}

/**
 * Inserts the row, or locks the one already there, and returns it, in one round trip (instead of an insert that
 * ignores conflicts and a `select … for update`). A no-op update on conflict takes the row lock; `xmax = 0` only for
 * a row this statement inserted, so `created` tells the two apart. Values are bound, identifiers quoted by knex.
 */
export async function insertOrLock(
  trx: Knex.Transaction,
  table: string,
  keyColumn: string,
  row: Record<string, Knex.Value>,
): Promise<{ row: Record<string, unknown>; created: boolean }> {
  const columns = Object.keys(row);
  const { rows } = await trx.raw(
    `insert into ?? (${columns.map(() => '??').join(', ')}) values (${columns.map(() => '?').join(', ')})
       on conflict (??) do update set ?? = excluded.??
       returning *, (xmax = 0) as inserted_by_this_statement`,
    [table, ...columns, ...Object.values(row), keyColumn, keyColumn, keyColumn],
  );
  const { inserted_by_this_statement: created, ...found } = rows[0];
  return { row: found, created: created === true };
}
