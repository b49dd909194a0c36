import { randomBytes } from 'node:crypto';
import { SealedSecrets } from './sealed-secrets';

/** A user's personal fields and key as events carry them (`mart.users.v1.SealedPersonalData`). */
export interface SealedPersonalData {
  /** The user's data key, sealed under the key Mart's processes share. */
  userKey: string;
  /** The JSON of the fields, sealed with the user's data key. */
  personal: string;
}

/**
 * Crypto-shredding for events: each user has a data key of their own, and whatever personal an event says about
 * them is sealed with it; the data key travels sealed under PERSONAL_DATA_KEY, which only Mart's processes hold
 * (a Kafka reader without it, `mart-external` say, reads neither). When a user is erased every copy of their key
 * is deleted, and what was sealed with it can no longer be opened by anyone.
 */
export class PersonalDataSeal {
  private readonly shared: SealedSecrets;

  constructor(sharedKey: Buffer) {
    this.shared = new SealedSecrets(sharedKey);
  }

  /** A fresh data key for a new user, sealed for storage and for events. */
  newUserKey(): string {
    return this.shared.seal(randomBytes(32).toString('base64'));
  }

  seal(sealedUserKey: string, value: unknown): SealedPersonalData {
    return { userKey: sealedUserKey, personal: this.userSeal(sealedUserKey).seal(JSON.stringify(value)) };
  }

  /** The value sealed with `seal`; throws when either key is not the one it was sealed with, or it was altered. */
  open(sealed: SealedPersonalData): unknown {
    return JSON.parse(this.userSeal(sealed.userKey).open(sealed.personal));
  }

  private userSeal(sealedUserKey: string): SealedSecrets {
    return new SealedSecrets(Buffer.from(this.shared.open(sealedUserKey), 'base64'));
  }
}

let keyOfThisProcess: Buffer | undefined;

/**
 * The seal for this process: under PERSONAL_DATA_KEY when set (required in production and whenever modules run in
 * separate processes), else under a key made once for this process, shared by all its modules.
 */
export function personalDataSeal(personalDataKey: Buffer | undefined): PersonalDataSeal {
  keyOfThisProcess ??= randomBytes(32);
  return new PersonalDataSeal(personalDataKey ?? keyOfThisProcess);
}
