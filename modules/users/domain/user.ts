import type { Role } from '../../../src/auth/principal';
import type { Address } from './profile';

export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  defaultShippingAddress: Address | null;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}
