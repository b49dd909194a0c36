import type { mart } from '../../../proto/streams';
import type { Address } from '../domain/profile';
import type { User } from '../domain/user';

type AddressMessage = mart.users.v1.Address.$Properties;

function addressMessage(address: Address | null): AddressMessage | null {
  if (address === null) return null;
  return {
    line1: address.line1,
    line2: address.line2 ?? '',
    city: address.city,
    postalCode: address.postalCode,
    country: address.country,
  };
}

/** The public profile every user event carries, so that other modules can keep their own copy. */
export function profileSnapshot(user: User) {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone ?? '',
    defaultShippingAddress: addressMessage(user.defaultShippingAddress),
    role: user.role,
  };
}
