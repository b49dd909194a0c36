import { UserStream } from '../../../proto/streams';
import type { AccountLinks } from '../application/account-links';
import { notifyWhen } from '../application/notify-when';

export const notifyUserWhenPasswordChanged = (links: AccountLinks) =>
  notifyWhen(UserStream, 'passwordChanged', 'notify-user-when-password-changed', (event) => ({
    userId: event.uuid('userId'),
    message: { template: 'password-changed', data: { how: event.text('how') === 'reset' ? 'reset' : 'profile', resetLink: links.forgotPassword() } },
  }));
