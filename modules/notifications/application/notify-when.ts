import type { Envelope, EventCase, EventPayload, EventStream } from '../../../proto/streams';
import { fieldsOf, type EventFields } from '../../../src/messaging/event-fields';
import { onEvents, type EventHandler } from '../../../src/messaging/event-handler';
import type { TemplateMessage } from '../domain/templates/template-message';
import { queueNotifications } from './queue-notification';

/** Whom an event is told to, and what. */
export interface Message {
  userId: string;
  message: TemplateMessage;
}

/** A handler telling a user about each event of a type: the whole batch's messages queued in three statements. */
export function notifyWhen<E extends Envelope, K extends EventCase<E>>(
  stream: EventStream<E>,
  event: K,
  name: string,
  messageOf: (event: EventFields<EventPayload<E, K>>, payload: EventPayload<E, K>) => Message,
): EventHandler {
  return onEvents(stream, event, name, async (trx, events) => {
    await queueNotifications(
      trx,
      events.map(({ payload, envelope, cause }) => {
        const { userId, message } = messageOf(fieldsOf(payload), payload);
        return { userId, message, sourceEventId: envelope.eventId, correlationId: cause.correlationId };
      }),
    );
  });
}
