import { conflict, DomainError, forbidden, invalid, notFound, unauthenticated, type FieldProblem } from '../../../src/errors/domain-error';

export const UserErrors = {
  validationFailed: (fields: FieldProblem[]) => invalid('USER.VALIDATION_FAILED', 'The request is invalid', fields),
  emailTaken: () => conflict('USER.EMAIL_TAKEN', 'An account with this email already exists'),
  notFound: () => notFound('USER.NOT_FOUND', 'No such user'),
  invalidCursor: () => invalid('USER.INVALID_CURSOR', 'The cursor is invalid', [{ field: 'cursor', message: 'not a cursor returned by this list' }]),
  currentPasswordRequired: () =>
    invalid('USER.CURRENT_PASSWORD_REQUIRED', 'Changing the password requires the current password', [
      { field: 'currentPassword', message: 'required when newPassword is given' },
    ]),
  currentPasswordIncorrect: () =>
    invalid('USER.CURRENT_PASSWORD_INCORRECT', 'The current password is incorrect', [
      { field: 'currentPassword', message: 'incorrect' },
    ]),
  lastAdmin: () => conflict('USER.LAST_ADMIN', 'The last admin cannot give up the admin role'),
  adminOnly: () => forbidden('AUTH.FORBIDDEN', 'This operation requires the admin role'),
};

export const AuthErrors = {
  invalidCredentials: () => unauthenticated('AUTH.INVALID_CREDENTIALS', 'The email or password is incorrect'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new DomainError('AUTH.TOO_MANY_ATTEMPTS', 'rate_limited', 'Too many failed sign-in attempts; try again later', {
      retryAfterSeconds,
    }),
  invalidRefreshToken: () => unauthenticated('AUTH.INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked'),
  refreshTokenReused: () =>
    unauthenticated('AUTH.REFRESH_TOKEN_REUSED', 'The refresh token was already used; the session has been revoked'),
};
