import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import type { Address } from '../domain/profile';
import type { User } from '../domain/user';
import { updateUser } from '../infrastructure/user.repository';

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

/** The user's data key, made (and stored, in the caller's transaction) the first time an event needs it. */
export async function dataKeyOf(trx: Knex.Transaction, seal: PersonalDataSeal, user: User): Promise<string> {
  if (user.dataKey !== null) return user.dataKey;
  const dataKey = seal.newUserKey();
  await updateUser(trx, user.id, { dataKey });
  return dataKey;
}

/**
 * The profile every user event carries, so that other modules can keep their own copy: the personal fields sealed
 * with the user's own key (see SealedPersonalData in user.proto), the rest in the clear.
 */
export async function profileSnapshot(trx: Knex.Transaction, seal: PersonalDataSeal, user: User) {
  const personal = { email: user.email, name: user.name, phone: user.phone ?? '', defaultShippingAddress: addressMessage(user.defaultShippingAddress) };
  return {
    userId: user.id,
    role: user.role,
    emailVerified: user.emailVerified,
    sealed: seal.seal(await dataKeyOf(trx, seal, user), personal),
  };
}

/** An account token (verification, password reset) sealed with the user's key, as the events carry it. */
export async function sealedToken(trx: Knex.Transaction, seal: PersonalDataSeal, user: User, token: string) {
  return seal.seal(await dataKeyOf(trx, seal, user), { token });
}
