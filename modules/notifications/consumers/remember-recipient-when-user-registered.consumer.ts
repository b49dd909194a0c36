import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { profileOf, rememberRecipient } from '../application/remember-recipient';

export const rememberRecipientWhenUserRegistered = onEvent(
  UserStream,
  'userRegistered',
  'remember-recipient-when-user-registered',
  async (trx, event) => {
    await rememberRecipient(trx, profileOf(event));
  },
);
