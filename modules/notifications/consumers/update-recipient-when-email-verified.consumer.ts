import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { onEvent } from '../../../src/messaging/event-handler';
import { profileOf, rememberRecipient } from '../application/remember-recipient';

export const updateRecipientWhenEmailVerified = (seal: PersonalDataSeal) =>
  onEvent(UserStream, 'emailVerified', 'update-recipient-when-email-verified', async (trx, event) => {
    await rememberRecipient(trx, profileOf(seal, event));
  });
