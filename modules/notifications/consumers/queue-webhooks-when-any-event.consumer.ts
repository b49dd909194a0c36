import { allStreams } from '../../../proto/streams';
import { onEveryEvent, type EventHandler } from '../../../src/messaging/event-handler';
import { queueWebhookDeliveries } from '../application/webhooks/queue-webhook-deliveries';

/**
 * Every event of every stream, fanned out to the webhook endpoints that subscribe to it (one handler per stream).
 * In a consumer group of its own, so reading every topic never delays the module's emails; idempotent (an event is
 * queued once per endpoint by a unique key), so the inbox keeps no row per event for it.
 */
export const queueWebhooksWhenAnyEvent = (maxBodyBytes: number): EventHandler[] =>
  allStreams.map((stream) =>
    onEveryEvent(stream, 'queue-webhooks-when-any-event', async (trx, events) => {
      await queueWebhookDeliveries(
        trx,
        stream,
        events.map((event) => event.envelope),
        maxBodyBytes,
      );
    }, { idempotent: true, sideGroup: 'webhooks' }),
  );
