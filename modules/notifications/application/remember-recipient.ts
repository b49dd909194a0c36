import type { Knex } from 'knex';
import { malformedEvent } from '../../../src/messaging/event-fields';
import { isUuid } from '../../../src/validation/uuid';
import { isKnown } from '../domain/notification';
import { lockHeldMessages, releaseHeldMessages } from '../infrastructure/awaiting-recipient.repository';
import { lockRecipient, saveProfile, type Profile } from '../infrastructure/recipient.repository';
import { insertNotifications } from '../infrastructure/notification.repository';
import { renderNotifications } from './create-notifications';

/** Keeps the read model of a user current and releases the messages that were waiting for them. */
export async function rememberRecipient(trx: Knex.Transaction, profile: Profile): Promise<void> {
  if (!isUuid(profile.userId) || !profile.email) {
    throw malformedEvent(`user event without a valid user id and email ('${profile.userId}')`);
  }
  await saveProfile(trx, profile);
  const recipient = (await lockRecipient(trx, profile.userId)).toRecipient();
  if (!isKnown(recipient)) return;
  const waiting = await lockHeldMessages(trx, profile.userId);
  await insertNotifications(
    trx,
    waiting.flatMap((message) => renderNotifications(recipient, message.toMessage(), { eventId: message.sourceEventId, correlationId: message.correlationId })),
  );
  await releaseHeldMessages(trx, waiting.map((m) => m.sourceEventId));
}
