export interface OutgoingEmail {
  notificationId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutgoingSms {
  notificationId: string;
  to: string;
  text: string;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** An SMS provider. Production plugs a real one in; development and tests record messages instead. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
}

/**
 * A delivery the provider refused or could not take. `permanent` ones (e.g. SMTP 5xx) are not retried;
 * `responseCode` is the provider's answer when it gave one (none when it could not be reached).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
