import { loadConfig } from '../../config/config';
import { createModuleDatabase, sqlStateOf, type Knex } from '../database';

/** The roles the migrations made for this run (test/global-setup.ts), as each module and the relay sign in. */
describe('each module signs in to PostgreSQL as a role of its own', () => {
  const config = loadConfig();
  const opened: Knex[] = [];
  const signIn = (url: string, schema: string): Knex => {
    const db = createModuleDatabase({ url, schema, poolMax: 1 });
    opened.push(db);
    return db;
  };
  const refusal = (query: Promise<unknown>): Promise<string | undefined> =>
    query.then(
      () => 'allowed',
      (error: unknown) => sqlStateOf(error),
    );

  afterAll(() => Promise.all(opened.map((db) => db.destroy())));

  it('is a login role without superuser, distinct from the owner', async () => {
    const orders = signIn(config.database.moduleUrls.orders, 'orders');
    const { rows } = await orders.raw<{ rows: Array<{ name: string; rolsuper: boolean; rolcreaterole: boolean }> }>(
      'select current_user as name, rolsuper, rolcreaterole from pg_roles where rolname = current_user',
    );
    expect(rows[0]).toEqual({ name: 'mart_orders', rolsuper: false, rolcreaterole: false });
  });

  it("reads and writes its own schema's tables, and cannot read another module's or change any schema", async () => {
    const orders = signIn(config.database.moduleUrls.orders, 'orders');
    await expect(orders('orders').count({ n: '*' })).resolves.toHaveLength(1);
    expect(await refusal(orders.raw('select * from users.users limit 1'))).toBe('42501');
    expect(await refusal(orders.raw('select * from payments.outbox limit 1'))).toBe('42501');
    expect(await refusal(orders.raw('create table orders.smuggled (id int)'))).toBe('42501');
    expect(await refusal(orders.raw('create table public.smuggled (id int)'))).toBe('42501');
    expect(await refusal(orders.raw('drop table orders.orders'))).toBe('42501');
  });

  it('lets the relay read and dequeue outboxes, and nothing else', async () => {
    const relay = signIn(config.database.relayUrl, 'orders');
    await expect(relay.raw('select id from orders.outbox limit 1')).resolves.toBeDefined();
    await expect(relay.raw('delete from orders.outbox_pending where id = -1')).resolves.toBeDefined();
    expect(await refusal(relay.raw('select * from orders.orders limit 1'))).toBe('42501');
    expect(await refusal(relay.raw('select * from users.users limit 1'))).toBe('42501');
    expect(await refusal(relay.raw('insert into orders.outbox_pending (id) values (-1)'))).toBe('42501');
    expect(await refusal(relay.raw('update orders.outbox set created_at = created_at where false'))).toBe('42501');
  });
});
