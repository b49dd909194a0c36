import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordDefaultAddress } from '../application/record-default-address';

export const recordDefaultAddressWhenUserProfileUpdated = onEvent(
  UserStream,
  'userProfileUpdated',
  'record-default-address-when-user-profile-updated',
  async (trx, user) => {
    await recordDefaultAddress(trx, user);
  },
);
