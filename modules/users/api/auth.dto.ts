export interface RegisterRequest {
  /** Trimmed and lower-cased; must be unique regardless of case. */
  email: string;
  /** 8 to 128 characters, not the email address. */
  password: string;
  /** 1 to 100 characters. */
  name: string;
}

/** The same for every request of its kind, whatever the outcome: it reveals nothing about accounts. */
export interface AcceptedResponse {
  message: string;
}

export interface TokenRequest {
  /** The token of the mailed link. */
  token: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirmRequest {
  /** The token of the reset link. */
  token: string;
  /** 8 to 128 characters, not the email address. */
  newPassword: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken: string;
}

export interface TokenPairResponse {
  /** A signed JWT for the `Authorization: Bearer` header. */
  accessToken: string;
  /** Opaque, single use: exchange it at /auth/refresh for a new pair. */
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires.
   * @isInt
   */
  expiresIn: number;
}
