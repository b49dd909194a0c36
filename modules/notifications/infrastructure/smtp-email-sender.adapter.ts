import nodemailer, { type Transporter } from 'nodemailer';
import { isMailboxAddress } from '../../../src/validation/email-address';
import { DeliveryError, type EmailSender, type OutgoingEmail } from '../application/message-senders.port';

const TIMEOUT_MS = 30_000;

/** Sends email over SMTP (Mailpit in development, the provider's relay in production). */
export class SmtpEmailSender implements EmailSender {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(options: { smtpUrl: string; from: string }) {
    this.transport = nodemailer.createTransport(
      { url: options.smtpUrl, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS },
      { from: options.from },
    );
    this.messageIdDomain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'mart.local';
  }

  async send(email: OutgoingEmail): Promise<void> {
    // Recipients registered before the strict address rules may hold anything: never let one become a list.
    if (!isMailboxAddress(email.to)) throw new DeliveryError('SMTP: the recipient is not a single mailbox address', true);
    try {
      await this.transport.sendMail({
        // A structured address is used as it is; a string would be parsed, and could turn into several.
        to: { name: '', address: email.to },
        subject: email.subject,
        text: email.text,
        html: email.html,
        // A stable Message-ID per notification lets mail systems drop a duplicate should one ever be sent.
        messageId: `<${email.notificationId}@${this.messageIdDomain}>`,
        headers: { 'X-Mart-Notification-Id': email.notificationId },
      });
    } catch (error) {
      const { responseCode, message } = error as { responseCode?: number; message?: string };
      const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
      throw new DeliveryError(`SMTP: ${message ?? String(error)}`, permanent, responseCode);
    }
  }

  close(): void {
    this.transport.close();
  }
}
