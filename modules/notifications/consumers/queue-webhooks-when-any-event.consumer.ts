import { allStreams } from '../../../proto/streams';
import { onEveryEvent, type EventHandler } from '../../../src/messaging/event-handler';
import { queueWebhookDeliveries } from '../application/webhooks/queue-webhook-deliveries';

/** Every event of every stream, fanned out to the webhook endpoints that subscribe to it (one handler per stream). */
export const queueWebhooksWhenAnyEvent = (maxBodyBytes: number): EventHandler[] =>
  allStreams.map((stream) =>
    onEveryEvent(stream, 'queue-webhooks-when-any-event', async (trx, events) => {
      await queueWebhookDeliveries(
        trx,
        stream,
        events.map((event) => event.envelope),
        maxBodyBytes,
      );
    }),
  );
