import { UserStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

export const welcomeUserWhenUserRegistered = notifyWhen(UserStream, 'userRegistered', 'welcome-user-when-user-registered', (event) => ({
  userId: event.uuid('userId'),
  message: { template: 'welcome', data: {} },
}));
