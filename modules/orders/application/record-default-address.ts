import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import { requiredEventUuid } from '../../../src/messaging/event-fields';
import { saveDefaultAddress } from '../infrastructure/customer-address.repository';

/** Keeps the profile's default shipping address, which a cart checkout uses when it names none. */
export async function recordDefaultAddress(
  trx: Knex.Transaction,
  profile: { userId?: string | null; name?: string | null; defaultShippingAddress?: mart.users.v1.IAddress | null },
): Promise<void> {
  const address = profile.defaultShippingAddress;
  await saveDefaultAddress(trx, {
    customerId: requiredEventUuid(profile.userId, 'the user id'),
    name: profile.name ?? '',
    address:
      address && address.line1
        ? {
            line1: address.line1,
            ...(address.line2 ? { line2: address.line2 } : {}),
            city: address.city ?? '',
            postalCode: address.postalCode ?? '',
            country: address.country ?? '',
          }
        : null,
  });
}
