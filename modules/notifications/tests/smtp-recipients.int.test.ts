import { SmtpEmailSender } from '../infrastructure/smtp-email-sender.adapter';
import { DeliveryError } from '../application/message-senders.port';
import { SmtpTestServer } from '../../../test/smtp-test-server';

/** The SMTP adapter against a real SMTP server: one notification reaches one mailbox, never a list. */
describe('the SMTP sender', () => {
  let smtp: SmtpTestServer;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sender = new SmtpEmailSender({ smtpUrl: smtp.url, from: 'Mart <no-reply@mart.local>' });
  });

  afterAll(async () => {
    sender.close();
    await smtp.stop();
  });

  const mail = (to: string) => ({ notificationId: `n-${Math.random()}`, to, subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' });

  it('sends to exactly the one mailbox it is given', async () => {
    await sender.send(mail('ada@example.com'));
    expect(smtp.messages.at(-1)?.to).toEqual(['ada@example.com']);
  });

  it.each(['a,victim@example.com', 'attacker@example.com;victim@example.com', 'Ada <victim@example.com>'])(
    'refuses %p, an address stored before the strict rules, as a permanent failure and sends nothing',
    async (to) => {
      const before = smtp.messages.length;
      await expect(sender.send(mail(to))).rejects.toEqual(expect.objectContaining({ permanent: true }));
      await expect(sender.send(mail(to))).rejects.toBeInstanceOf(DeliveryError);
      expect(smtp.messages).toHaveLength(before);
    },
  );
});
