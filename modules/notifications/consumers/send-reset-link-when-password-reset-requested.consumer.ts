import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { unsealToken } from '../../../src/messaging/sealed-user-fields';
import type { AccountLinks } from '../application/account-links';
import { notifyWhen } from '../application/notify-when';
import { minutesUntil } from '../domain/account-mail';

export const sendResetLinkWhenPasswordResetRequested = (seal: PersonalDataSeal, links: AccountLinks) =>
  notifyWhen(UserStream, 'passwordResetRequested', 'send-reset-link-when-password-reset-requested', (event, payload) => ({
    userId: event.uuid('userId'),
    message: {
      template: 'password-reset',
      data: { link: links.resetPassword(unsealToken(seal, payload.sealedToken)), validMinutes: minutesUntil(event.text('expiresAt'), new Date()) },
    },
  }));
