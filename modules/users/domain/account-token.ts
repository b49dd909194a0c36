import { generateRefreshToken, hashRefreshToken, looksLikeRefreshToken } from './refresh-token';

/** What an account token lets its holder do, once. */
export type AccountTokenPurpose = 'verify_email' | 'reset_password';

/** A stored account token: only its hash is kept, so a database dump yields no usable link. */
export interface AccountToken {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A random single-use token (256 bits, base64url) and the hash that is stored; minted like refresh tokens. */
export const generateAccountToken = generateRefreshToken;
export const hashAccountToken = hashRefreshToken;
export const looksLikeAccountToken = looksLikeRefreshToken;

/** Whether a token found by its hash may still be used for the purpose at `now`. */
export function isUsable(token: AccountToken | undefined, purpose: AccountTokenPurpose, now: Date): token is AccountToken {
  return token !== undefined && token.purpose === purpose && token.usedAt === null && token.expiresAt.getTime() > now.getTime();
}
