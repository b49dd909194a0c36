import type pg from 'pg';
import type { OutboxRow } from './outbox-rows';

export interface OutboxBacklog {
  backlog: number;
  oldestUnpublishedAgeMs: number;
}

/** The relay's SQL over one module's outbox and its outbox_pending queue. */
export class OutboxQueries {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  /** The oldest pending rows in id order, leaving out rows in flight or acknowledged but not yet marked. */
  async nextBatch(limit: number, excludedIds: number[]): Promise<OutboxRow[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      // Text, not jsonb or timestamptz: parsing those per row was a measurable share of the relay's CPU.
      `select id, event_id, topic, message_key, event_type, payload, headers->>'traceparent' as traceparent,
              to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
         from ${this.schema}.outbox
        where id in (
          select id from ${this.schema}.outbox_pending
           where id not in (select unnest($2::bigint[]))
           order by id
           limit $1)
        order by id
        limit $1`,
      [limit, excludedIds],
    );
    return rows;
  }

  /** A row is published once its id has left outbox_pending: a DELETE of the narrow row; the outbox row itself is never rewritten. */
  async markPublished(ids: number[]): Promise<void> {
    await this.pool.query(`delete from ${this.schema}.outbox_pending where id = any($1::bigint[])`, [ids]);
  }

  async backlog(): Promise<OutboxBacklog> {
    const { rows } = await this.pool.query<{ backlog: number; oldest_age_ms: number | null }>(
      `select count(*)::int as backlog,
              (extract(epoch from clock_timestamp() - min(created_at)) * 1000)::int as oldest_age_ms
         from ${this.schema}.outbox_pending join ${this.schema}.outbox using (id)`,
    );
    return { backlog: rows[0].backlog, oldestUnpublishedAgeMs: rows[0].oldest_age_ms ?? 0 };
  }
}
