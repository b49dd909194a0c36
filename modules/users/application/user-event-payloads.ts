import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import type { Address } from '../domain/profile';
import { generateAccountToken, type AccountTokenPurpose } from '../domain/account-token';
import type { User } from '../domain/user';
import { replaceAccountToken } from '../infrastructure/account-token.repository';
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

/**
 * Mints a single-use account token for the purpose (the user's earlier unused ones stop working) and returns it as
 * the event announcing it carries it: sealed with the user's key, with its expiry.
 */
export async function issueAccountToken(trx: Knex.Transaction, seal: PersonalDataSeal, user: User, purpose: AccountTokenPurpose, ttlSeconds: number) {
  const { token, hash } = generateAccountToken();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await replaceAccountToken(trx, { id: randomUUID(), userId: user.id, purpose, hash, expiresAt });
  return { userId: user.id, sealedToken: seal.seal(await dataKeyOf(trx, seal, user), { token }), expiresAt: expiresAt.toISOString() };
}
