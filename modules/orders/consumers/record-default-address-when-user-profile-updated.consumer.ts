import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordDefaultAddress } from '../application/record-default-address';

export const recordDefaultAddressWhenUserProfileUpdated = (seal: PersonalDataSeal) =>
  onEvent(UserStream, 'userProfileUpdated', 'record-default-address-when-user-profile-updated', async (trx, user) => {
    await recordDefaultAddress(trx, seal, user);
  });
