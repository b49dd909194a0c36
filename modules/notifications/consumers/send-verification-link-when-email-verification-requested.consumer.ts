import { UserStream } from '../../../proto/streams';
import type { PersonalDataSeal } from '../../../src/crypto/personal-data';
import { unsealToken } from '../../../src/messaging/sealed-user-fields';
import type { AccountLinks } from '../application/account-links';
import { notifyWhen } from '../application/notify-when';
import { minutesUntil } from '../domain/account-mail';

export const sendVerificationLinkWhenEmailVerificationRequested = (seal: PersonalDataSeal, links: AccountLinks) =>
  notifyWhen(UserStream, 'emailVerificationRequested', 'send-verification-link-when-email-verification-requested', (event, payload) => ({
    userId: event.uuid('userId'),
    message: {
      template: 'verify-email',
      data: {
        link: links.verifyEmail(unsealToken(seal, payload.sealedToken)),
        validHours: Math.max(1, Math.round(minutesUntil(event.text('expiresAt'), new Date()) / 60)),
      },
    },
  }));
