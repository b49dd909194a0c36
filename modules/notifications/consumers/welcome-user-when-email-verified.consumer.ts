import { UserStream } from '../../../proto/streams';
import { notifyWhen } from '../application/notify-when';

/** A customer who registered through the API is welcomed once the address is theirs (verified at once: at registration). */
export const welcomeUserWhenEmailVerified = notifyWhen(UserStream, 'emailVerified', 'welcome-user-when-email-verified', (event) => ({
  userId: event.uuid('userId'),
  message: { template: 'welcome', data: {} },
}));
