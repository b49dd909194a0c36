import { forbidden, invalid, unprocessable, type FieldProblem } from '../../../src/errors/domain-error';

export const NotificationErrors = {
  invalidUserId: () => invalid('NOTIFICATIONS.INVALID_USER_ID', 'userId must be a UUID', [{ field: 'userId', message: 'must be a UUID' }]),
  invalidLimit: (problem: FieldProblem) => invalid('NOTIFICATIONS.INVALID_LIMIT', `limit ${problem.message}`, [problem]),
  invalidCursor: () =>
    invalid('NOTIFICATIONS.INVALID_CURSOR', 'cursor is not one this API returned', [{ field: 'cursor', message: 'is invalid' }]),
  forbiddenUser: () => forbidden('NOTIFICATIONS.FORBIDDEN_USER', "Only admins may list other users' notifications"),
  phoneRequired: () =>
    unprocessable('NOTIFICATIONS.PHONE_REQUIRED', 'Add a phone number to your profile before enabling SMS notifications'),
};
