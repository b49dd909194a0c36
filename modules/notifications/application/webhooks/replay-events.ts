import { allStreams } from '../../../../proto/streams';
import { NotificationErrors } from '../../domain/notifications.errors';
import { getEnabledEndpoint } from './manage-endpoints';
import { queueFor } from './queue-webhook-deliveries';
import type { WebhooksDependencies } from './webhooks-dependencies';

export interface ReplayResult {
  from: Date;
  to: Date;
  /** Events of the range read back from Kafka. */
  eventsRead: number;
  /** Deliveries queued: the events the endpoint subscribes to. */
  queued: number;
  /** Retention had already deleted the start of some partition: events early in the range may be missing. */
  truncated: boolean;
  /** The range held more events than WEBHOOK_REPLAY_MAX_EVENTS: replay the rest from the last event's time. */
  limitReached: boolean;
}

const MAX_RANGE_MS = 31 * 24 * 60 * 60 * 1000;

/**
 * Queues again every subscribed event the broker stamped in [from, to), read back from the topics (as far as their
 * retention reaches), as `replay` deliveries in each aggregate's order, behind whatever each lane holds.
 */
export async function replayEvents(deps: WebhooksDependencies, endpointId: string, range: { from: Date; to: Date }, now = new Date()): Promise<ReplayResult> {
  const endpoint = await getEnabledEndpoint(deps, endpointId);
  if (!(range.from < range.to)) throw NotificationErrors.invalidReplayRange('from must be before to');
  if (range.to.getTime() > now.getTime() + 60_000) throw NotificationErrors.invalidReplayRange('to is in the future');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_MS) throw NotificationErrors.invalidReplayRange('a range is at most 31 days');
  let queued = 0;
  const reading = await deps.eventArchive.read(
    allStreams,
    range,
    async (events) => {
      // A fetched batch is one partition of one topic: its events, in order, in one statement.
      for (const stream of new Set(events.map((event) => event.stream))) {
        const envelopes = events.filter((event) => event.stream === stream).map((event) => event.envelope);
        queued += await queueFor(deps.db, [endpoint], stream, envelopes, 'replay', deps.settings.maxBodyBytes);
      }
    },
    deps.settings.replayMaxEvents,
  );
  deps.logger.info({ endpointId, ...range, eventsRead: reading.events, queued }, 'webhook replay queued');
  return { ...range, eventsRead: reading.events, queued, truncated: reading.truncated, limitReached: reading.limitReached };
}
