import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { recordDefaultAddress } from '../application/record-default-address';

export const recordDefaultAddressWhenUserRegistered = onEvent(UserStream, 'userRegistered', 'record-default-address-when-user-registered', async (trx, user) => {
  await recordDefaultAddress(trx, user);
});
