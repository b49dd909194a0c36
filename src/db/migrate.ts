import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { moduleNames } from '../module-names';
import type { Config } from '../config/config';
import { createModuleDatabase, databaseName, ensureDatabaseExists } from './database';
import { provisionRuntimeRoles } from './database-roles';

const migrationsRoot = path.resolve(__dirname, '../../migrations');
const extension = path.extname(__filename); // .ts under tsx/jest, .js when built

/**
 * Runs every module's migrations on the module's own database (one for all, by default), each in its own schema with
 * its own migrations table, as that database's owner; then, on each database, makes the runtime roles of the
 * modules there and of the relay (DATABASE_URL_<MODULE>, DATABASE_URL_RELAY) and grants each its part.
 */
export async function migrateAll(config: Config, log: (line: string) => void = () => {}): Promise<void> {
  const { ownerUrls } = config.database;
  for (const url of new Set(Object.values(ownerUrls))) await ensureDatabaseExists(url);
  for (const schema of moduleNames) {
    const db = createModuleDatabase({ url: ownerUrls[schema], schema, poolMax: 1 });
    try {
      await db.raw('create schema if not exists ??', [schema]);
      const [, applied] = (await db.migrate.latest({
        migrationSource: new ModuleMigrations(path.join(migrationsRoot, schema)),
        schemaName: schema,
        tableName: 'knex_migrations',
      })) as [number, string[]];
      log(`${schema}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
    } finally {
      await db.destroy();
    }
  }
  for (const url of new Set(Object.values(ownerUrls))) {
    const here = moduleNames.filter((schema) => ownerUrls[schema] === url);
    const owner = createModuleDatabase({ url, schema: 'public', poolMax: 1 });
    try {
      await provisionRuntimeRoles(owner, databaseName(url), [
        ...here.map((schema) => ({ url: config.database.moduleUrls[schema], grants: { kind: 'module', schema } }) as const),
        { url: config.database.relayUrl, grants: { kind: 'relay', schemas: here } },
      ]);
    } finally {
      await owner.destroy();
    }
  }
}

/**
 * A module's migration files, named without their extension, so that a database migrated from source
 * (`.ts` under tsx) and from the build (`.js`) records the same names.
 */
export class ModuleMigrations implements Knex.MigrationSource<string> {
  /** `before`: only the migrations named before it (a test's way to build a database as an older release left it). */
  constructor(
    private readonly directory: string,
    private readonly before?: string,
  ) {}

  static of(module: string, before?: string): ModuleMigrations {
    return new ModuleMigrations(path.join(migrationsRoot, module), before);
  }

  async getMigrations(): Promise<string[]> {
    const files = await readdir(this.directory);
    return files
      .filter((file) => file.endsWith(extension) && !file.endsWith('.d.ts'))
      .map((file) => file.slice(0, -extension.length))
      .filter((name) => this.before === undefined || name < this.before)
      .sort();
  }

  getMigrationName(migration: string): string {
    return migration;
  }

  async getMigration(migration: string): Promise<Knex.Migration> {
    // require, not import(): the migrations are CommonJS like the rest, also when run through a require hook.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(this.directory, `${migration}${extension}`)) as Knex.Migration;
  }
}
