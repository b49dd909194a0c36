import type { Knex } from 'knex';
import { moduleNames, type ModuleName } from '../src/module-names';

export interface Finding {
  module: ModuleName;
  table: string;
  needle: string;
}

/**
 * Searches every table of every module's schema for the given strings, in every column: text and JSON as they are,
 * binary columns (outbox payloads: protobuf keeps strings as UTF-8) as their bytes read as UTF-8. Case-insensitive.
 */
export async function findInEverySchema(db: (module: ModuleName) => Knex, needles: readonly string[]): Promise<Finding[]> {
  const wanted = needles.filter((needle) => needle.length > 0).map((needle) => needle.toLowerCase());
  const findings: Finding[] = [];
  for (const module of moduleNames) {
    const knex = db(module);
    const tables = await knex('information_schema.tables').where({ table_schema: module, table_type: 'BASE TABLE' }).pluck<string[]>('table_name');
    for (const table of tables) {
      const rows = await knex.withSchema(module).select('*').from(table);
      const text = JSON.stringify(rows, (_key, value: unknown) =>
        value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' ? Buffer.from((value as { data: number[] }).data).toString('utf8') : value,
      ).toLowerCase();
      for (const needle of wanted) if (text.includes(needle)) findings.push({ module, table, needle });
    }
  }
  return findings;
}
