import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SPLIT_PARTS, splitDatabaseEnvironment } from '../../scripts/split-deployment';
import { loadConfig } from '../../src/config/config';
import { databaseName } from '../../src/db/database';
import { migrateAll } from '../../src/db/migrate';
import { moduleNames } from '../../src/module-names';
import '../../test/test-environment';

/** With DATABASE_URL_<MODULE> naming databases of their own, each module's schema and outbox exist there only. */
describe('a database per module', () => {
  const clusters = { a: process.env.MART_LOCAL_POSTGRES_URL, b: process.env.MART_LOCAL_POSTGRES_B_URL };
  const prefix = `mart_test_${process.env.MART_TEST_RUN_ID}_${randomUUID().slice(0, 6)}`;
  const config = () => loadConfig({ ...process.env, ...splitDatabaseEnvironment({ a: clusters.a!, b: clusters.b! }, prefix) });

  beforeAll(async () => {
    if (!clusters.a || !clusters.b) throw new Error('needs both local clusters: bash scripts/infra.sh start postgres-b');
    await migrateAll(config());
  });

  afterAll(async () => {
    for (const url of new Set(Object.values(config().database.ownerUrls))) await onServer(url, (c) => c.query(`drop database if exists "${databaseName(url)}" with (force)`));
  });

  async function onServer<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('migrates each module in its own database only, the third on the second cluster', async () => {
    const { ownerUrls } = config().database;
    for (const part of SPLIT_PARTS) {
      const url = ownerUrls[part.modules[0]];
      expect(new URL(url).port).toBe(new URL(part.cluster === 'a' ? clusters.a! : clusters.b!).port);
      const schemas = await onServer(
        url,
        async (c) => (await c.query<{ name: string }>(`select schema_name as name from information_schema.schemata`)).rows.map((r) => r.name),
        databaseName(url),
      );
      const modulesHere = moduleNames.filter((module) => schemas.includes(module));
      expect(modulesHere.sort()).toEqual([...part.modules].sort());
      const outboxes = await onServer(
        url,
        async (c) => (await c.query<{ schema: string }>(`select table_schema as schema from information_schema.tables where table_name = 'outbox'`)).rows.map((r) => r.schema),
        databaseName(url),
      );
      expect(outboxes.sort()).toEqual([...part.modules].sort());
    }
  });

  it("lets a module's role reach nothing of another module's database", async () => {
    const { moduleUrls } = config().database;
    const peopleDatabase = databaseName(moduleUrls.users);
    // The orders role exists on the first cluster only if a monolith made it; on the people database it holds no grant.
    const ordersRoleThere = new URL(moduleUrls.orders);
    ordersRoleThere.host = new URL(moduleUrls.users).host;
    ordersRoleThere.pathname = `/${peopleDatabase}`;
    const client = new pg.Client({ connectionString: ordersRoleThere.toString() });
    const reached = await client.connect().then(
      async () => {
        try {
          return await client.query('select count(*) from users.users').then(() => 'read', (error: Error) => error.message);
        } finally {
          await client.end();
        }
      },
      (error: Error) => error.message,
    );
    expect(reached).not.toBe('read');
  });
});
