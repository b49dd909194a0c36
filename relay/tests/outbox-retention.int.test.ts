import type { Knex } from 'knex';
import pg from 'pg';
import { loadConfig } from '../../src/config/config';
import { createScratchSchema } from '../../test/scratch-schema';
import { deleteExpiredOutboxRows } from '../outbox-retention';

const SCHEMA = 'scratch_retention';
const DAY = 24 * 3600;

describe('outbox retention', () => {
  const config = loadConfig();
  let db: Knex;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createScratchSchema(config.database.url, SCHEMA);
    pool = new pg.Pool({ connectionString: config.database.url, max: 2 });
  });

  afterAll(async () => {
    await db.raw('drop schema if exists ?? cascade', [SCHEMA]);
    await db.destroy();
    await pool.end();
  });

  /** Appends a row created `ageDays` ago; it starts pending, as every outbox row does. */
  async function row(ageDays: number): Promise<number> {
    const [{ id }] = await db('outbox')
      .insert({
        event_id: db.raw('gen_random_uuid()'),
        topic: 'mart.users.user.v1',
        message_key: 'k',
        event_type: 'mart.users.v1.UserRoleChanged',
        payload: Buffer.from([1]),
        occurred_at: db.raw(`now() - make_interval(days => ?)`, [ageDays]),
        created_at: db.raw(`now() - make_interval(days => ?)`, [ageDays]),
      })
      .returning('id');
    return Number(id);
  }
  const publish = (...ids: number[]) => db('outbox_pending').whereIn('id', ids).delete();
  const remaining = async () => (await db('outbox').orderBy('id').pluck('id')).map(Number);

  it('deletes published rows past the retention, never a pending one, however old', async () => {
    const [a, b, stuck, c, fresh] = [await row(10), await row(9), await row(8), await row(8), await row(0)];
    await publish(a, b, c, fresh);

    expect(await deleteExpiredOutboxRows(pool, SCHEMA, 7 * DAY)).toBe(2);
    expect(await remaining()).toEqual([stuck, c, fresh]);

    await publish(stuck);
    expect(await deleteExpiredOutboxRows(pool, SCHEMA, 7 * DAY)).toBe(2);
    expect(await remaining()).toEqual([fresh]);
  });
});
