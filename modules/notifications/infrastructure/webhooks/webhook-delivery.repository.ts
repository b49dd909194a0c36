import type { Knex } from 'knex';
import type { DeliveryStatus, NewDelivery, WebhookDelivery } from '../../domain/webhooks/webhook-delivery';
import { WebhookDeliveryModel } from './webhook-delivery.model';

/**
 * Inserts deliveries in one statement. An event's fan-out to an endpoint is inserted once, however often the event
 * is consumed; `failedWith` inserts them already FAILED (a body over the size cap).
 */
export async function insertDeliveries(trx: Knex | Knex.Transaction, deliveries: readonly NewDelivery[], failedWith?: string): Promise<WebhookDelivery[]> {
  if (deliveries.length === 0) return [];
  const column = <T>(value: (d: NewDelivery) => T) => deliveries.map(value);
  const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `insert into webhook_deliveries (id, endpoint_id, event_id, event_type, aggregate_id, kind, body, status, last_error, finished_at)
     select d.id, d.endpoint_id, d.event_id, d.event_type, d.aggregate_id, d.kind, d.body, ?::text, ?::text, case when ?::text = 'FAILED' then now() end
       from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
         as d(id, endpoint_id, event_id, event_type, aggregate_id, kind, body)
     on conflict (endpoint_id, event_id) where kind = 'event' do nothing
     returning *`,
    [
      failedWith ? 'FAILED' : 'PENDING',
      failedWith ?? null,
      failedWith ? 'FAILED' : 'PENDING',
      column((d) => d.id),
      column((d) => d.endpointId),
      column((d) => d.eventId),
      column((d) => d.eventType),
      column((d) => d.aggregateId),
      column((d) => d.kind),
      column((d) => d.body),
    ] as unknown as Knex.RawBinding[],
  );
  return rows.map((row) => WebhookDeliveryModel.fromDatabaseJson(row).toDelivery());
}

/** Enabled endpoints with a delivery due now at the head of one of their lanes. */
export async function endpointsWithDueDeliveries(db: Knex): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(
    `select e.id from webhook_endpoints e
      where e.enabled
        and exists (select 1 from webhook_deliveries d
                     where d.endpoint_id = e.id and d.status = 'PENDING' and d.next_attempt_at <= now()
                       and (d.lease_until is null or d.lease_until < now()))`,
  );
  return rows.map((row) => row.id);
}

/** A claimed delivery and its place in its lane's claimed run (1 = the lane's head). */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  position: number;
}

/**
 * Claims, for up to `lanes` lanes of an endpoint (an aggregate's pending deliveries, by seq) whose head is due, the
 * head and up to `run − 1` deliveries after it, as long as each is due and held by no one: each gets a lease and
 * its attempt counted, in one statement. Rows another dispatcher holds are skipped (a skipped row leaves a gap the
 * caller must not send past). A lane's deliveries are sent one after another; the next run of a lane is claimable
 * once this one's attempts are recorded.
 *
 * With a `window`, only the endpoint's `window` oldest pending deliveries are looked at, so a claim costs the same
 * whatever the backlog: an aggregate's earliest pending delivery among them is its lane head, since any earlier one
 * would be among them too. Lanes beyond the window are found by a claim without one.
 */
export async function claimLaneRuns(db: Knex, endpointId: string, lanes: number, run: number, leaseMs: number, window?: number): Promise<ClaimedDelivery[]> {
  const { rows } = await db.raw<{ rows: Array<Record<string, unknown>> }>(
    `with pending as (
       select id, aggregate_id, seq, next_attempt_at <= now() and (lease_until is null or lease_until < now()) as ready
         from webhook_deliveries
        where endpoint_id = ? and status = 'PENDING'
        order by seq
        limit ?
     ), ranked as (
       select id, aggregate_id, seq, ready,
              row_number() over lane as position,
              bool_and(ready) over lane as ready_so_far
         from pending
       window lane as (partition by aggregate_id order by seq)
     ), heads as (
       select aggregate_id from ranked where position = 1 and ready order by seq limit ?
     ), picked as (
       select r.id, r.position from ranked r join heads h using (aggregate_id) where r.position <= ? and r.ready_so_far
     ), claimed as (
       select d.id, p.position from webhook_deliveries d join picked p using (id)
        for update of d skip locked
     )
     update webhook_deliveries d
        set attempts = d.attempts + 1, lease_until = now() + ? * interval '1 millisecond'
       from claimed where d.id = claimed.id
     returning d.*, claimed.position`,
    // limit null: every pending delivery.
    [endpointId, window ?? null, lanes, run, leaseMs],
  );
  return rows
    .map((row) => ({ delivery: WebhookDeliveryModel.fromDatabaseJson(row).toDelivery(), position: Number(row.position) }))
    .sort((a, b) => a.delivery.seq - b.delivery.seq);
}

/** Gives claimed deliveries that were never attempted back: their lease ends and their attempt is not counted. */
export async function releaseClaims(trx: Knex.Transaction, claimed: ReadonlyArray<Pick<WebhookDelivery, 'id' | 'attempts'>>): Promise<void> {
  if (claimed.length === 0) return;
  await trx.raw(
    `update webhook_deliveries d
        set attempts = d.attempts - 1, lease_until = null
       from unnest(?::uuid[], ?::int[]) as c(id, attempts)
      where d.id = c.id and d.attempts = c.attempts and d.status = 'PENDING'`,
    [claimed.map((d) => d.id), claimed.map((d) => d.attempts)] as unknown as Knex.RawBinding[],
  );
}

/** What an attempt left on its delivery. */
export interface AttemptRecord {
  id: string;
  attempts: number;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
}

/**
 * Records attempts in one statement, each only if its delivery is still under the claim that made it (same attempt
 * count, still PENDING): an attempt whose lease ran out and was taken over records nothing.
 */
export async function recordAttempts(trx: Knex.Transaction, records: readonly AttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  const column = <T>(value: (r: AttemptRecord) => T) => records.map(value);
  await trx.raw(
    `update webhook_deliveries d
        set status = r.status,
            next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at),
            lease_until = null,
            last_status_code = r.status_code,
            last_duration_ms = r.duration_ms,
            last_error = r.error,
            last_response_excerpt = r.excerpt,
            finished_at = case when r.status <> 'PENDING' then now() end
       from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[])
         as r(id, attempts, status, next_attempt_at, status_code, duration_ms, error, excerpt)
      where d.id = r.id and d.attempts = r.attempts and d.status = 'PENDING'`,
    [
      column((r) => r.id),
      column((r) => r.attempts),
      column((r) => r.status),
      column((r) => r.nextAttemptAt?.toISOString() ?? null),
      column((r) => r.statusCode),
      column((r) => r.durationMs),
      column((r) => r.error),
      column((r) => r.excerpt),
    ] as unknown as Knex.RawBinding[],
  );
}

/** An endpoint's deliveries, newest first, after the sequence number `afterSeq`. */
export async function listDeliveries(
  db: Knex,
  endpointId: string,
  filter: { status?: DeliveryStatus; eventId?: string },
  afterSeq: number | undefined,
  rows: number,
): Promise<WebhookDelivery[]> {
  const query = WebhookDeliveryModel.query(db).where('endpoint_id', endpointId).orderBy('seq', 'desc').limit(rows);
  if (filter.status) query.where('status', filter.status);
  if (filter.eventId) query.where('event_id', filter.eventId);
  if (afterSeq !== undefined) query.where('seq', '<', afterSeq);
  return (await query).map((row) => row.toDelivery());
}

export async function findDelivery(db: Knex, id: string): Promise<WebhookDelivery | undefined> {
  return (await WebhookDeliveryModel.query(db).findById(id))?.toDelivery();
}

/** Deletes up to `limit` finished deliveries older than `before`; returns how many. */
export async function deleteFinishedBefore(db: Knex, before: Date, limit: number): Promise<number> {
  const { rowCount } = await db.raw<{ rowCount: number }>(
    `delete from webhook_deliveries where id in (
       select id from webhook_deliveries where status <> 'PENDING' and finished_at < ? limit ?)`,
    [before, limit],
  );
  return rowCount;
}
