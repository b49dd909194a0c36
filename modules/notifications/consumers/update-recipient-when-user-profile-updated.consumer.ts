import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { profileOf, rememberRecipient } from '../application/remember-recipient';

/** The event carries the whole profile after the change, so an empty phone means the user removed it. */
export const updateRecipientWhenUserProfileUpdated = onEvent(
  UserStream,
  'userProfileUpdated',
  'update-recipient-when-user-profile-updated',
  async (trx, event) => {
    await rememberRecipient(trx, profileOf(event));
  },
);
