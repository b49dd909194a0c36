import type { Knex } from 'knex';
import type { AccessTokens } from '../../../src/auth/access-tokens';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import type { UsersSettings } from './users-settings';
import type { PasswordHasher } from './password-hasher.port';

/** What the use cases need from the outside world. */
export interface UsersContext {
  db: Knex;
  accessTokens: AccessTokens;
  auth: UsersSettings;
  passwords: PasswordHasher;
  /** Seals personal fields and account tokens in the module's events with each user's own key. */
  personal: PersonalDataSeal;
}
