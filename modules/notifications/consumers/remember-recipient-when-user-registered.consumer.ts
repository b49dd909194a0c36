import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { onEvent } from '../../../src/messaging/event-handler';
import { profileOf, rememberRecipient } from '../application/remember-recipient';

export const rememberRecipientWhenUserRegistered = (seal: PersonalDataSeal) =>
  onEvent(UserStream, 'userRegistered', 'remember-recipient-when-user-registered', async (trx, event) => {
    await rememberRecipient(trx, profileOf(seal, event));
  });
