import { NotificationStream, OrderStream, PaymentStream, type Envelope, type EventStream } from '../../../proto/streams';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { onEvents, type EventHandler } from '../../../src/messaging/event-handler';
import { recordModuleErasures } from '../application/erase-user';

interface ErasureReporting extends Envelope {
  customerDataErased?: { userId?: string | null; module?: string | null; erasedAt?: string | null } | null;
}

const ERASURES_GROUP = 'erasures';

/**
 * Reads the busiest topics (orders, payments) for a rare event, so it runs in a side group of its own, `erasures`,
 * and only while an erasure is incomplete (MartModule.sideGroupWanted). Its insert ignores a repeated report, so it
 * keeps no inbox rows.
 */
function recordProgressFrom(stream: EventStream<ErasureReporting>): EventHandler {
  return onEvents(
    stream,
    'customerDataErased',
    'record-erasure-progress-when-customer-data-erased',
    async (trx, events) => {
      await recordModuleErasures(
        trx,
        events.map(({ payload }) => {
          const fields = fieldsOf(payload);
          return { userId: fields.uuid('userId'), module: fields.text('module'), erasedAt: new Date(fields.text('erasedAt')) };
        }),
      );
    },
    { idempotent: true, sideGroup: ERASURES_GROUP },
  );
}

/** One handler per module holding personal data: each reports on its own stream. */
export const recordErasureProgressWhenCustomerDataErased = [OrderStream, PaymentStream, NotificationStream].map((stream) =>
  recordProgressFrom(stream as unknown as EventStream<ErasureReporting>),
);
