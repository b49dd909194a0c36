import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createModuleDatabase, ensureDatabaseExists } from '../src/db/database';
import { ModuleMigrations } from '../src/db/migrate';
import type { ModuleName } from '../src/module-names';
import type { TestStack } from './test-stack';

/**
 * A module's schema as an older release left it (every migration named before `before`), in a scratch database of
 * the stack's cluster, to fill with that release's rows and then migrate to the latest: how a migration is tested
 * on the data it must carry. `drop` removes the scratch database.
 */
export async function olderSchema(stack: TestStack, module: ModuleName, before: string): Promise<{ db: Knex; migrateToLatest: () => Promise<void>; drop: () => Promise<void> }> {
  const url = new URL(stack.config.database.ownerUrls[module]);
  const name = `${module}_was_${randomUUID().slice(0, 8)}`;
  url.pathname = `/${name}`;
  await ensureDatabaseExists(url.toString());
  const db = createModuleDatabase({ url: url.toString(), schema: module, poolMax: 2 });
  await db.raw('create schema ??', [module]);
  const migrate = (source: ModuleMigrations) => db.migrate.latest({ migrationSource: source, schemaName: module, tableName: 'knex_migrations' });
  await migrate(ModuleMigrations.of(module, before));
  return {
    db,
    migrateToLatest: async () => {
      await migrate(ModuleMigrations.of(module));
    },
    drop: async () => {
      await db.destroy();
      const admin = createModuleDatabase({ url: stack.config.database.ownerUrls[module], schema: 'public', poolMax: 1 });
      try {
        await admin.raw('drop database if exists ?? with (force)', [name]);
      } finally {
        await admin.destroy();
      }
    },
  };
}
