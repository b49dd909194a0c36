import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { unsealUserFields } from '../../../src/messaging/sealed-user-fields';
import { saveDefaultAddress } from '../infrastructure/customer-address.repository';

/** Keeps the profile's default shipping address, which a cart checkout uses when it names none. */
export async function recordDefaultAddress(
  trx: Knex.Transaction,
  seal: PersonalDataSeal,
  event: mart.users.v1.IUserRegistered | mart.users.v1.IUserProfileUpdated,
): Promise<void> {
  const profile = unsealUserFields(seal, event);
  const fields = fieldsOf(profile);
  const address = profile.defaultShippingAddress ? fieldsOf(profile.defaultShippingAddress) : undefined;
  const line1 = address?.optionalText('line1');
  const line2 = address?.optionalText('line2');
  await saveDefaultAddress(trx, {
    customerId: fields.uuid('userId'),
    name: fields.text('name'),
    address:
      address && line1
        ? {
            line1,
            ...(line2 ? { line2 } : {}),
            city: address.text('city'),
            postalCode: address.text('postalCode'),
            country: address.text('country'),
          }
        : null,
  });
}
