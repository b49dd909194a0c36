import { conflict, forbidden, invalid, notFound, unprocessable, type FieldProblem } from '../../../src/errors/domain-error';

export const NotificationErrors = {
  invalidUserId: () => invalid('NOTIFICATIONS.INVALID_USER_ID', 'userId must be a UUID', [{ field: 'userId', message: 'must be a UUID' }]),
  invalidLimit: (problem: FieldProblem) => invalid('NOTIFICATIONS.INVALID_LIMIT', `limit ${problem.message}`, [problem]),
  invalidCursor: () =>
    invalid('NOTIFICATIONS.INVALID_CURSOR', 'cursor is not one this API returned', [{ field: 'cursor', message: 'is invalid' }]),
  forbiddenUser: () => forbidden('NOTIFICATIONS.FORBIDDEN_USER', "Only admins may list other users' notifications"),
  phoneRequired: () =>
    unprocessable('NOTIFICATIONS.PHONE_REQUIRED', 'Add a phone number to your profile before enabling SMS notifications'),
  invalidEventId: () => invalid('NOTIFICATIONS.INVALID_EVENT_ID', 'eventId must be a UUID', [{ field: 'eventId', message: 'must be a UUID' }]),
  webhookEndpointNotFound: (id: string) => notFound('NOTIFICATIONS.WEBHOOK_ENDPOINT_NOT_FOUND', `No webhook endpoint ${id}`),
  webhookDeliveryNotFound: (id: string) => notFound('NOTIFICATIONS.WEBHOOK_DELIVERY_NOT_FOUND', `No webhook delivery ${id}`),
  webhookUrlRefused: (reason: string) =>
    unprocessable('NOTIFICATIONS.WEBHOOK_URL_REFUSED', `The webhook URL is refused: ${reason}`, { fields: [{ field: 'url', message: reason }] }),
  unknownEventTypes: (types: readonly string[]) =>
    unprocessable(
      'NOTIFICATIONS.UNKNOWN_EVENT_TYPE',
      `No such event type: ${types.join(', ')} (GET /webhook-event-types lists them; * is every event)`,
      { fields: types.map((type) => ({ field: 'eventTypes', message: `${type} is not an event type` })) },
    ),
  webhookEndpointDisabled: (id: string) =>
    conflict('NOTIFICATIONS.WEBHOOK_ENDPOINT_DISABLED', `Webhook endpoint ${id} is disabled: enable it (PATCH enabled: true) first`),
  invalidReplayRange: (message: string) =>
    invalid('NOTIFICATIONS.INVALID_REPLAY_RANGE', `The replay range is invalid: ${message}`, [{ field: 'from', message }]),
};
