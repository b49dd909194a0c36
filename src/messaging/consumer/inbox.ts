import type { Knex } from 'knex';
import { handledCase } from '../event-handler';
import type { Work } from './delivery';

/** An event's handling the business answered no to, and why. */
export interface Refusal {
  eventId: string;
  consumer: string;
  reason: string;
}

export function inboxKey(eventId: string, consumer: string): string {
  return `${eventId} ${consumer}`;
}

/**
 * Claims every (event, handler) pair of the work in one statement and returns the keys of those the inbox had not
 * seen: the rest were handled before (a redelivery). A pair named twice in one batch is claimed once. Idempotent
 * handlers' pairs are left out: they drop what they saw themselves.
 */
export async function claimInbox(trx: Knex.Transaction, work: readonly Work[]): Promise<Set<string>> {
  const pairs = work.flatMap((item) => item.handlers.filter((handler) => !handler.idempotent).map((handler) => ({ item, handler })));
  if (pairs.length === 0) return new Set();
  const column = (value: (pair: (typeof pairs)[number]) => string | number) => pairs.map(value);
  const { rows: claimed } = await trx.raw<{ rows: Array<{ event_id: string; consumer: string }> }>(
    `insert into inbox (event_id, consumer, topic, event_type, kafka_partition, kafka_offset)
     select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[])
     on conflict (event_id, consumer) do nothing
     returning event_id, consumer`,
    [
      column(({ item }) => item.envelope.eventId),
      column(({ handler }) => handler.name),
      column(({ item }) => item.delivery.topic),
      column(({ item, handler }) => handledCase(handler, item.envelope)),
      column(({ item }) => item.delivery.partition),
      column(({ item }) => item.delivery.message.offset),
    ] as unknown as Knex.RawBinding[],
  );
  return new Set(claimed.map((row) => inboxKey(row.event_id, row.consumer)));
}

/** Marks the refused pairs as such, with their reasons, in one statement. */
export async function recordRefusals(trx: Knex.Transaction, refusals: readonly Refusal[]): Promise<void> {
  if (refusals.length === 0) return;
  await trx.raw(
    `update inbox set outcome = 'refused', refusal = r.reason
       from unnest(?::uuid[], ?::text[], ?::text[]) as r(event_id, consumer, reason)
      where inbox.event_id = r.event_id and inbox.consumer = r.consumer`,
    [refusals.map((r) => r.eventId), refusals.map((r) => r.consumer), refusals.map((r) => r.reason.slice(0, 500))],
  );
}
