import { Model, snakeCaseMappers } from 'objection';
import type { Role } from '../../../src/auth/principal';
import type { Address } from '../domain/profile';
import type { User } from '../domain/user';

export class UserModel extends Model {
  static override tableName = 'users';
  static override columnNameMappers = snakeCaseMappers();
  static override jsonAttributes = ['defaultShippingAddress'];

  id!: string;
  email!: string;
  name!: string;
  phone!: string | null;
  defaultShippingAddress!: Address | null;
  role!: Role;
  passwordHash!: string;
  emailVerifiedAt!: Date | null;
  erasedAt!: Date | null;
  dataKey!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  toUser(): User {
    return {
      id: this.id,
      email: this.email,
      name: this.name,
      phone: this.phone,
      defaultShippingAddress: this.defaultShippingAddress,
      role: this.role,
      emailVerified: this.emailVerifiedAt !== null,
      erasedAt: this.erasedAt,
      dataKey: this.dataKey,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }
}
