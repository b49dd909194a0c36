import type { RenderedMessage, TemplateName } from './templates/template-message';

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * PENDING → SENDING → SENT, or back to PENDING for a retry, or FAILED after the last attempt.
 * SENDING is committed before the provider is called, so a crash mid-send is visible and never resent blindly.
 */
export type NotificationStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/** One message to one recipient on one channel, and how its delivery went. */
export interface Notification {
  id: string;
  seq: number;
  userId: string;
  channel: Channel;
  template: TemplateName;
  sourceEventId: string;
  correlationId: string | null;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

export interface Preferences {
  email: boolean;
  sms: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { email: true, sms: false };

export interface Recipient {
  userId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  preferences: Preferences;
  /** Until the user verifies their address, only account mail (ACCOUNT_TEMPLATES) goes to them. */
  emailVerified: boolean;
  /** An erased user is sent nothing. */
  erased: boolean;
}

/** Mail about the account itself, which also goes to an address not yet verified. */
export const ACCOUNT_TEMPLATES: ReadonlySet<TemplateName> = new Set(['verify-email', 'registration-attempted', 'password-reset', 'password-changed']);

/** Whether the recipient may be sent this template at all: nothing to the erased, only account mail until verified. */
export function mayReceive(recipient: Recipient, template: TemplateName): boolean {
  if (recipient.erased) return false;
  return recipient.emailVerified || ACCOUNT_TEMPLATES.has(template);
}

/** The address for a channel, or null when the recipient opted out or has none. */
export function addressFor(recipient: Recipient, channel: Channel): string | null {
  if (channel === 'email') return recipient.preferences.email ? recipient.email : null;
  return recipient.preferences.sms ? recipient.phone : null;
}

/** The recipient is known once their registration (with email and name) has been seen. */
export function isKnown(recipient: Recipient | undefined): recipient is Recipient & { email: string } {
  return recipient !== undefined && recipient.email !== null;
}

export interface PlannedDelivery {
  channel: Channel;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/**
 * One delivery per channel the recipient enabled and has an address for; none when they opted out of all, or may
 * not receive the template. Account mail goes by email whatever the preferences: it is how the account is reached.
 */
export function planDeliveries(recipient: Recipient, template: TemplateName, rendered: RenderedMessage): PlannedDelivery[] {
  if (!mayReceive(recipient, template)) return [];
  if (ACCOUNT_TEMPLATES.has(template)) {
    return recipient.email ? [{ channel: 'email', to: recipient.email, subject: rendered.subject, text: rendered.text, html: rendered.html }] : [];
  }
  return CHANNELS.flatMap((channel): PlannedDelivery[] => {
    const to = addressFor(recipient, channel);
    if (!to) return [];
    return channel === 'email'
      ? [{ channel, to, subject: rendered.subject, text: rendered.text, html: rendered.html }]
      : [{ channel, to, subject: rendered.subject, text: rendered.sms, html: null }];
  });
}
