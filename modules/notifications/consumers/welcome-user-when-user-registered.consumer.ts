import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { queueNotification } from '../application/queue-notification';

export const welcomeUserWhenUserRegistered = onEvent(
  UserStream,
  'userRegistered',
  'welcome-user-when-user-registered',
  async (trx, event, envelope) => {
    await queueNotification(trx, event.userId ?? '', { template: 'welcome', data: {} }, envelope.eventId);
  },
);
