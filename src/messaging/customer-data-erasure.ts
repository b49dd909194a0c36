import type { Knex } from 'knex';
import { UserStream, type Envelope, type EventCase, type EventPayload, type EventStream } from '../../proto/streams';
import type { ModuleName } from '../module-names';
import { fieldsOf } from './event-fields';
import { onEvents, type EventHandler } from './event-handler';
import { recordEvents } from './outbox';

/**
 * The handler every module holding personal data has: on UserErased, erase or anonymise what the module holds about
 * those users (`erase`, one call for the batch, users in id order), then record CustomerDataErased on the module's
 * stream, keyed by the user, which the users module shows as the erasure's progress.
 */
export function eraseCustomerDataWhenUserErased<E extends Envelope>(
  stream: EventStream<E>,
  module: ModuleName,
  erase: (trx: Knex.Transaction, userIds: readonly string[]) => Promise<void>,
): EventHandler {
  return onEvents(UserStream, 'userErased', `erase-customer-data-when-user-erased`, async (trx, events) => {
    const userIds = events.map((event) => fieldsOf(event.payload).uuid('userId'));
    await erase(trx, [...new Set(userIds)].sort());
    const erasedAt = new Date().toISOString();
    await recordEvents(
      trx,
      stream,
      events.map((event, i) => ({
        aggregateId: userIds[i],
        event: 'customerDataErased' as EventCase<E>,
        payload: { userId: userIds[i], module, erasedAt } as unknown as EventPayload<E, EventCase<E>>,
        cause: event.cause,
      })),
    );
  });
}
