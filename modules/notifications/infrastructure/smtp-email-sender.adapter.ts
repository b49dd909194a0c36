import nodemailer, { type Transporter } from 'nodemailer';
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
    try {
      await this.transport.sendMail({
        to: email.to,
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
      throw new DeliveryError(`SMTP: ${message ?? String(error)}`, permanent);
    }
  }

  close(): void {
    this.transport.close();
  }
}
