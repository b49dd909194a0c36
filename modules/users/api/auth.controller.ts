import { Body, Controller, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import type { Problem } from '../../../src/http/problem-details';
import { endSession } from '../application/end-session';
import { refreshSession } from '../application/refresh-session';
import { throttleBucket } from '../../../src/http/client-address';
import { registerCustomer } from '../application/register-user';
import { confirmPasswordReset, requestPasswordReset } from '../application/reset-password';
import { resendVerification, verifyEmail } from '../application/verify-email';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import { startSession, type TokenPair } from '../application/start-session';
import type { UsersContext } from '../application/users-context';
import { UserErrors } from '../domain/users.errors';
import type {
  AcceptedResponse,
  LoginRequest,
  LogoutRequest,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  TokenPairResponse,
  TokenRequest,
} from './auth.dto';
import type { PasswordLogin } from './password-login.strategy';

@Route('auth')
@Tags('Authentication')
export class AuthController extends Controller {
  constructor(
    private readonly context: UsersContext,
    private readonly passwordLogin: PasswordLogin,
  ) {
    super();
  }

  /**
   * Registers a customer account. The answer is the same whether or not the email already has an account, so it
   * tells no one which addresses are customers: a new account's owner is mailed a link to verify the address, the
   * owner of an existing one a note that someone tried (with the way to reset a forgotten password). An unverified
   * account can sign in and browse, but not check out, and is sent no mail but account mail.
   * @summary Register a customer account
   */
  @Post('register')
  @SuccessResponse(202, 'Accepted: check the inbox')
  @Response<Problem>(400, 'Invalid email, weak password, missing or unknown fields')
  @Response<Problem>(429, 'USERS.TOO_MANY_REGISTRATIONS from this address, with Retry-After')
  public async register(@Body() requestBody: RegisterRequest, @Request() req: ExpressRequest): Promise<AcceptedResponse> {
    await registerCustomer(this.context, requestBody, throttleBucket(req));
    this.setStatus(202);
    return { message: 'If this address can be registered, a message with a link to verify it is on its way. Follow it, then sign in.' };
  }

  /**
   * Verifies the account's email address with the token of the link mailed at registration (once; 48 hours by
   * default). Access tokens issued before say "unverified": refresh the session for one that does not.
   * @summary Verify an email address
   */
  @Post('verify-email')
  @SuccessResponse(204, 'Verified')
  @Response<Problem>(400, 'USERS.INVALID_TOKEN: invalid, expired or already used')
  public async verifyEmail(@Body() requestBody: TokenRequest): Promise<void> {
    await verifyEmail(this.context, requestBody.token);
    this.setStatus(204);
  }

  /**
   * Mails the caller a fresh verification link (earlier links stop working); 204 also when the address is verified.
   * @summary Resend the verification link
   */
  @Post('verify-email/resend')
  @Security('jwt')
  @SuccessResponse(204, 'Sent, when the address still needs verifying')
  @Response<Problem>(401, 'Missing, invalid or expired access token')
  @Response<Problem>(429, 'USERS.TOO_MANY_REQUESTS: too many for the account or from this address this hour, with Retry-After')
  public async resendVerification(@Request() req: AuthenticatedRequest): Promise<void> {
    await resendVerification(this.context, req.user, throttleBucket(req));
    this.setStatus(204);
  }

  /**
   * Mails the owner of the email, if it has an account, a single-use link to set a new password, valid 30 minutes;
   * only the latest link works. The answer is the same either way.
   * @summary Ask for a password reset
   */
  @Post('password-reset')
  @SuccessResponse(202, 'Accepted: check the inbox')
  @Response<Problem>(400, 'Missing or unknown fields')
  @Response<Problem>(429, 'USERS.TOO_MANY_REQUESTS: too many for this email or from this address this hour, with Retry-After')
  public async requestPasswordReset(@Body() requestBody: PasswordResetRequest, @Request() req: ExpressRequest): Promise<AcceptedResponse> {
    await requestPasswordReset(this.context, requestBody.email, throttleBucket(req));
    this.setStatus(202);
    return { message: 'If this address has an account, a message with a link to set a new password is on its way.' };
  }

  /**
   * Sets a new password with the token of a reset link (once, before it expires). Every session of the account ends
   * and its owner is mailed a notice; sign in again with the new password.
   * @summary Set a new password with a reset link
   */
  @Post('password-reset/confirm')
  @SuccessResponse(204, 'Password set')
  @Response<Problem>(400, 'USERS.INVALID_TOKEN (invalid, expired or already used), or a new password the policy refuses')
  public async confirmPasswordReset(@Body() requestBody: PasswordResetConfirmRequest): Promise<void> {
    await confirmPasswordReset(this.context, requestBody.token, requestBody.newPassword);
    this.setStatus(204);
  }

  /**
   * Signs in with email and password and starts a session.
   * @summary Sign in
   */
  @Post('login')
  @Response<Problem>(400, 'Missing fields')
  @Response<Problem>(401, 'USERS.INVALID_CREDENTIALS')
  @Response<Problem>(
    429,
    'USERS.TOO_MANY_ATTEMPTS (too many failures from this address, or a growing delay after many on the account), or USERS.TOO_MANY_SIGN_INS for the account this minute; with Retry-After',
  )
  public async login(@Body() requestBody: LoginRequest, @Request() req: ExpressRequest): Promise<TokenPairResponse> {
    const missing = (['email', 'password'] as const).filter((field) => requestBody[field].trim() === '');
    if (missing.length > 0) throw UserErrors.validationFailed(missing.map((field) => ({ field, message: 'is required' })));
    const user = await this.passwordLogin.signIn(req);
    return this.tokens(await startSession(this.context, user));
  }

  /**
   * Exchanges a refresh token for a new pair. Each refresh token works once: presenting a spent one
   * revokes its whole session.
   * @summary Exchange a refresh token for a new token pair
   */
  @Post('refresh')
  @Response<Problem>(401, 'USERS.INVALID_REFRESH_TOKEN or USERS.REFRESH_TOKEN_REUSED')
  @Response<Problem>(429, 'USERS.TOO_MANY_SIGN_INS: the account refreshed too often this minute, with Retry-After')
  public async refresh(@Body() requestBody: RefreshRequest): Promise<TokenPairResponse> {
    return this.tokens(await refreshSession(this.context, requestBody.refreshToken));
  }

  /**
   * Ends the session the refresh token belongs to. Always 204, also for unknown or revoked tokens.
   * @summary Sign out
   */
  @Post('logout')
  @SuccessResponse(204, 'Signed out')
  @Response<Problem>(400, 'No refresh token in the body')
  public async logout(@Body() requestBody: LogoutRequest): Promise<void> {
    await endSession(this.context, requestBody.refreshToken);
    this.setStatus(204);
  }

  private tokens(pair: TokenPair): TokenPairResponse {
    this.setHeader('Cache-Control', 'no-store');
    return pair;
  }
}
