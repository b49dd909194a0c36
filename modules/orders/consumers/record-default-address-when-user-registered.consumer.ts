import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordDefaultAddress } from '../application/record-default-address';

export const recordDefaultAddressWhenUserRegistered = (seal: PersonalDataSeal) =>
  onEvent(UserStream, 'userRegistered', 'record-default-address-when-user-registered', async (trx, user) => {
    await recordDefaultAddress(trx, seal, user);
  });
