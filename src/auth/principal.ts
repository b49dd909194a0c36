export type Role = 'customer' | 'admin';
export const ROLES: readonly Role[] = ['customer', 'admin'];

/** Who is calling: read from a verified access token, never from the request body. */
export interface Principal {
  userId: string;
  role: Role;
  /** The sign-in session the token was issued for, when it was issued for one. */
  sessionId?: string;
  /** Set while the user's email address is not verified: they may browse, not check out. */
  unverified?: true;
}
