import { outcomeOfAttempt, retryDelayMs } from '../domain/backoff';
import { planDeliveries, type Recipient } from '../domain/notification';

describe('retry backoff', () => {
  it('doubles the delay after each failed attempt, from the base', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelayMs(40, 1000)).toBe(60 * 60 * 1000);
  });

  it('retries transient failures until the last attempt, then fails', () => {
    const policy = { maxAttempts: 3, retryBaseMs: 100 };
    expect(outcomeOfAttempt({ sent: false, permanent: false }, 1, policy)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(outcomeOfAttempt({ sent: false, permanent: false }, 2, policy)).toEqual({ kind: 'retry', delayMs: 200 });
    expect(outcomeOfAttempt({ sent: false, permanent: false }, 3, policy)).toEqual({ kind: 'failed' });
    expect(outcomeOfAttempt({ sent: true }, 3, policy)).toEqual({ kind: 'sent' });
  });

  it('does not retry a permanent refusal', () => {
    expect(outcomeOfAttempt({ sent: false, permanent: true }, 1, { maxAttempts: 5, retryBaseMs: 100 })).toEqual({ kind: 'failed' });
  });
});

describe('delivery channels', () => {
  const rendered = { subject: 'S', text: 'long text', html: '<p>html</p>', sms: 'short' };
  const recipient = (email: boolean, sms: boolean, phone: string | null = '+4915112345678', state: Partial<Recipient> = {}): Recipient => ({
    userId: 'u',
    email: 'a@example.com',
    name: 'A',
    phone,
    preferences: { email, sms },
    emailVerified: true,
    erased: false,
    ...state,
  });

  it('sends email by default and SMS only when enabled and a phone number is known', () => {
    expect(planDeliveries(recipient(true, false), 'welcome', rendered).map((d) => d.channel)).toEqual(['email']);
    expect(planDeliveries(recipient(true, true), 'welcome', rendered).map((d) => d.channel)).toEqual(['email', 'sms']);
    expect(planDeliveries(recipient(false, true, null), 'welcome', rendered)).toEqual([]);
  });

  it('uses the short form for SMS', () => {
    expect(planDeliveries(recipient(false, true), 'welcome', rendered)).toEqual([
      { channel: 'sms', to: '+4915112345678', subject: 'S', text: 'short', html: null },
    ]);
  });

  it('sends an unverified address account mail only, by email whatever the preferences, and an erased user nothing', () => {
    const unverified = recipient(false, true, '+4915112345678', { emailVerified: false });
    expect(planDeliveries(unverified, 'order-confirmed', rendered)).toEqual([]);
    expect(planDeliveries(unverified, 'welcome', rendered)).toEqual([]);
    for (const template of ['verify-email', 'password-reset', 'registration-attempted', 'password-changed'] as const) {
      expect(planDeliveries(unverified, template, rendered).map((d) => [d.channel, d.to])).toEqual([['email', 'a@example.com']]);
    }
    const erased = recipient(true, true, '+4915112345678', { erased: true });
    expect(planDeliveries(erased, 'password-reset', rendered)).toEqual([]);
    expect(planDeliveries(erased, 'order-confirmed', rendered)).toEqual([]);
  });
});
