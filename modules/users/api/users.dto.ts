import type { Role } from '../../../src/auth/principal';
import type { PersonalDataExport } from '../application/export-my-data';
import type { Erasure } from '../domain/erasure';
import type { User } from '../domain/user';

export interface AddressDto {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, e.g. DE */
  country: string;
}

export interface UserResponse {
  /** @format uuid */
  id: string;
  email: string;
  name: string;
  /** E.164, e.g. +4915112345678 */
  phone: string | null;
  defaultShippingAddress: AddressDto | null;
  role: Role;
  /** Whether the owner followed the verification link; an unverified account cannot check out. */
  emailVerified: boolean;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
}

/** Absent fields stay as they are; `null` clears phone or address. Changing the password signs out every session. */
export interface UpdateProfileRequest {
  name?: string;
  phone?: string | null;
  defaultShippingAddress?: AddressDto | null;
  /** 8 to 128 characters; requires currentPassword. */
  newPassword?: string;
  currentPassword?: string;
}

export interface ChangeRoleRequest {
  role: Role;
}

export interface UserPageResponse {
  items: UserResponse[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    defaultShippingAddress: user.defaultShippingAddress,
    role: user.role,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export interface EraseAccountRequest {
  /** The account's current password. */
  password: string;
}

export interface ErasureResponse {
  /** @format uuid */
  userId: string;
  /** The user, or the admin who asked. @format uuid */
  requestedBy: string;
  /** @format date-time */
  requestedAt: string;
  /** True once every module holding personal data has erased its part. */
  complete: boolean;
  /** Each module holding personal data, and when it erased its part (null: not yet). */
  modules: Array<{ module: string; erasedAt: string | null }>;
}

export function toErasureResponse(erasure: Erasure): ErasureResponse {
  return {
    userId: erasure.userId,
    requestedBy: erasure.requestedBy,
    requestedAt: erasure.requestedAt.toISOString(),
    complete: erasure.complete,
    modules: erasure.modules.map(({ module, erasedAt }) => ({ module, erasedAt: erasedAt?.toISOString() ?? null })),
  };
}

export interface PersonalDataExportResponse {
  /** @format date-time */
  exportedAt: string;
  /** What the users module holds: the profile and the sign-in sessions (no password or token material). */
  users: {
    profile: UserResponse;
    sessions: Array<{ id: string; createdAt: string; revokedAt: string | null; revokedReason: string | null }>;
  };
  /** The orders module's answer (GET /orders/personal-data): orders, cart, default address copy. */
  orders: { [key: string]: unknown };
  /** The payments module's answer (GET /payments/personal-data). */
  payments: { [key: string]: unknown };
  /** The notifications module's answer (GET /notifications/personal-data). */
  notifications: { [key: string]: unknown };
}

export function toPersonalDataExportResponse(exported: PersonalDataExport): PersonalDataExportResponse {
  const part = (module: string) => (exported.modules[module] ?? {}) as { [key: string]: unknown };
  return {
    exportedAt: exported.exportedAt.toISOString(),
    users: {
      profile: toUserResponse(exported.user),
      sessions: exported.sessions.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), revokedAt: s.revokedAt?.toISOString() ?? null, revokedReason: s.revokedReason })),
    },
    orders: part('orders'),
    payments: part('payments'),
    notifications: part('notifications'),
  };
}
