import { AuthErrors } from '../../../src/errors/auth.errors';
import { conflict, DomainError, invalid, notFound, unauthenticated, type FieldProblem } from '../../../src/errors/domain-error';

export const UserErrors = {
  validationFailed: (fields: FieldProblem[]) => invalid('USERS.VALIDATION_FAILED', 'The request is invalid', fields),
  emailTaken: () => conflict('USERS.EMAIL_TAKEN', 'An account with this email already exists'),
  accountExists: () =>
    conflict('USERS.ACCOUNT_EXISTS', 'An account with this email already exists; promote it explicitly to make it an admin'),
  notFound: () => notFound('USERS.NOT_FOUND', 'No such user'),
  invalidCursor: () => invalid('USERS.INVALID_CURSOR', 'The cursor is invalid', [{ field: 'cursor', message: 'not a cursor returned by this list' }]),
  currentPasswordRequired: () =>
    invalid('USERS.CURRENT_PASSWORD_REQUIRED', 'Changing the password requires the current password', [
      { field: 'currentPassword', message: 'required when newPassword is given' },
    ]),
  currentPasswordIncorrect: (field = 'currentPassword') =>
    invalid('USERS.CURRENT_PASSWORD_INCORRECT', 'The current password is incorrect', [{ field, message: 'incorrect' }]),
  adminErasure: () => conflict('USERS.ADMIN_ERASURE', 'An admin account cannot be erased; change its role to customer first'),
  erasureNotFound: () => notFound('USERS.ERASURE_NOT_FOUND', 'No erasure was requested for this user'),
  lastAdmin: () => conflict('USERS.LAST_ADMIN', 'The last admin cannot give up the admin role'),
  adminOnly: () => AuthErrors.forbidden('This operation requires the admin role'),
  invalidCredentials: () => unauthenticated('USERS.INVALID_CREDENTIALS', 'The email or password is incorrect'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new DomainError('USERS.TOO_MANY_ATTEMPTS', 'rate_limited', 'Too many failed sign-in attempts; try again later', {
      retryAfterSeconds,
    }),
  tooManySignIns: (retryAfterSeconds: number) =>
    new DomainError('USERS.TOO_MANY_SIGN_INS', 'rate_limited', 'This account signs in or refreshes too often; try again later', {
      retryAfterSeconds,
    }),
  tooManyRegistrations: (retryAfterSeconds: number) =>
    new DomainError('USERS.TOO_MANY_REGISTRATIONS', 'rate_limited', 'Too many registrations from this address; try again later', {
      retryAfterSeconds,
    }),
  invalidAccountToken: () =>
    invalid('USERS.INVALID_TOKEN', 'The link is invalid, expired or already used', [{ field: 'token', message: 'invalid, expired or already used' }]),
  tooManyRequests: (retryAfterSeconds: number) =>
    new DomainError('USERS.TOO_MANY_REQUESTS', 'rate_limited', 'Too many such requests; try again later', { retryAfterSeconds }),
  exportUnavailable: (module: string) =>
    new DomainError('USERS.EXPORT_UNAVAILABLE', 'unavailable', `The ${module} module did not answer; try the export again shortly`, { retryAfterSeconds: 30 }),
  invalidRefreshToken: () => unauthenticated('USERS.INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked'),
  refreshTokenReused: () =>
    unauthenticated('USERS.REFRESH_TOKEN_REUSED', 'The refresh token was already used; the session has been revoked'),
};
