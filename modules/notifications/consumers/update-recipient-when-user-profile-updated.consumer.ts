import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { onEvent } from '../../../src/messaging/event-handler';
import { profileOf, rememberRecipient } from '../application/remember-recipient';

/** The event carries the whole profile after the change, so an empty phone means the user removed it. */
export const updateRecipientWhenUserProfileUpdated = (seal: PersonalDataSeal) =>
  onEvent(UserStream, 'userProfileUpdated', 'update-recipient-when-user-profile-updated', async (trx, event) => {
    await rememberRecipient(trx, profileOf(seal, event));
  });
