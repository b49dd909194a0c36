import { Body, Controller, Post, Request, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import type { Problem } from '../../../src/http/problem-details';
import { endSession } from '../application/end-session';
import { refreshSession } from '../application/refresh-session';
import { throttleBucket } from '../../../src/http/client-address';
import { registerCustomer } from '../application/register-user';
import { startSession, type TokenPair } from '../application/start-session';
import type { UsersContext } from '../application/users-context';
import { UserErrors } from '../domain/users.errors';
import type { LoginRequest, LogoutRequest, RefreshRequest, RegisterRequest, TokenPairResponse } from './auth.dto';
import type { PasswordLogin } from './password-login.strategy';
import { toUserResponse, type UserResponse } from './users.dto';

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
   * Creates a customer account.
   * @summary Register a customer account
   */
  @Post('register')
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid email, weak password, missing or unknown fields')
  @Response<Problem>(409, 'USERS.EMAIL_TAKEN')
  @Response<Problem>(429, 'USERS.TOO_MANY_REGISTRATIONS from this address, with Retry-After')
  public async register(@Body() requestBody: RegisterRequest, @Request() req: ExpressRequest): Promise<UserResponse> {
    const user = await registerCustomer(this.context, requestBody, throttleBucket(req));
    this.setStatus(201);
    this.setHeader('Location', '/users/me');
    return toUserResponse(user);
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
