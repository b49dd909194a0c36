import { UserStream } from '../../../proto/streams';
import type { AccountLinks } from '../application/account-links';
import { notifyWhen } from '../application/notify-when';

export const warnOwnerWhenRegistrationAttempted = (links: AccountLinks) =>
  notifyWhen(UserStream, 'registrationAttempted', 'warn-owner-when-registration-attempted', (event) => ({
    userId: event.uuid('userId'),
    message: { template: 'registration-attempted', data: { resetLink: links.forgotPassword() } },
  }));
