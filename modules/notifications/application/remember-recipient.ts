import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { fieldsOf, malformedEvent } from '../../../src/messaging/event-fields';
import { unsealUserFields } from '../../../src/messaging/sealed-user-fields';
import { isKnown } from '../domain/notification';
import { lockHeldMessages, releaseHeldMessages } from '../infrastructure/awaiting-recipient.repository';
import { lockRecipient, saveProfile, type Profile } from '../infrastructure/recipient.repository';
import { insertNotifications } from '../infrastructure/notification.repository';
import { renderNotifications } from './create-notifications';

type ProfileEvent = mart.users.v1.IUserRegistered | mart.users.v1.IUserProfileUpdated | mart.users.v1.IEmailVerified;

/** The profile a UserRegistered, UserProfileUpdated or EmailVerified carries (sealed, or from before: in the clear). */
export function profileOf(seal: PersonalDataSeal, event: ProfileEvent): Profile {
  const user = unsealUserFields(seal, event as mart.users.v1.IUserProfileUpdated);
  const fields = fieldsOf(user);
  const email = fields.optionalText('email');
  if (!email) throw malformedEvent('email is missing');
  return {
    userId: fields.uuid('userId'),
    email,
    name: fields.optionalText('name') ?? null,
    phone: fields.optionalText('phone') ?? null,
    role: fields.optionalText('role'),
    emailVerified: fields.flag('emailVerified'),
  };
}

/** Keeps the read model of a user current and releases the messages that were waiting for them. */
export async function rememberRecipient(trx: Knex.Transaction, profile: Profile): Promise<void> {
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
