import type { Knex } from 'knex';

/** A column written from each row: its name, its Postgres type, and the row's value for it. */
export interface UnnestColumn<Row> {
  name: string;
  type: string;
  value: (row: Row) => unknown;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Writes many rows' new values in one statement, whatever their number: `update <table> t set <column> = u.<column>, …
 * from unnest($1::<type>[], …) as u(<key>, …) where t.<key> = u.<key>`, plus `alsoSet` (e.g. `updated_at = now()`).
 * Returns the updated rows as stored. Each row must name a different key (a row may be updated once per statement).
 */
export async function updateFromUnnest<Row>(
  trx: Knex.Transaction,
  table: string,
  key: UnnestColumn<Row>,
  columns: ReadonlyArray<UnnestColumn<Row>>,
  rows: readonly Row[],
  alsoSet: readonly string[] = [],
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) return [];
  const all = [key, ...columns];
  for (const name of [table, ...all.map((c) => c.name)]) if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  const { rows: updated } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `update ${table} t set ${[...columns.map((c) => `${c.name} = u.${c.name}`), ...alsoSet].join(', ')}
       from unnest(${all.map((c) => `?::${c.type}[]`).join(', ')}) as u(${all.map((c) => c.name).join(', ')})
      where t.${key.name} = u.${key.name}
      returning t.*`,
    all.map((column) => rows.map((row) => column.value(row))) as unknown as Knex.RawBinding[],
  );
  return updated;
}
