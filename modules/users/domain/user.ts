import type { Role } from '../../../src/auth/principal';
import type { Address } from './profile';

export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  defaultShippingAddress: Address | null;
  role: Role;
  /** Proved by following the link of a verification mail; accounts made by operators are verified at once. */
  emailVerified: boolean;
  /** Set when the account was erased: its personal fields are gone and it can no longer sign in. */
  erasedAt: Date | null;
  /** The user's own data key, sealed under PERSONAL_DATA_KEY (null before their first sealed event, and once erased). */
  dataKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}
