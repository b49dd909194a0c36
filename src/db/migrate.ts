import path from 'node:path';
import { moduleNames } from '../../proto/streams';
import type { Config } from '../config/config';
import { createModuleDatabase, ensureDatabaseExists } from './database';

const migrationsRoot = path.resolve(__dirname, '../../migrations');
const extension = path.extname(__filename); // .ts under tsx/jest, .js when built

/** Runs every module's migrations, each in its own schema with its own migrations table. */
export async function migrateAll(config: Config, log: (line: string) => void = () => {}): Promise<void> {
  await ensureDatabaseExists(config.database.url);
  for (const schema of moduleNames) {
    const db = createModuleDatabase({ url: config.database.url, schema, poolMax: 1 });
    try {
      await db.raw('create schema if not exists ??', [schema]);
      const [, applied] = (await db.migrate.latest({
        directory: path.join(migrationsRoot, schema),
        schemaName: schema,
        tableName: 'knex_migrations',
        loadExtensions: [extension],
      })) as [number, string[]];
      log(`${schema}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
    } finally {
      await db.destroy();
    }
  }
}
