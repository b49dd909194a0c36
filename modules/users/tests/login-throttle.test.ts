import { secondsUntilUnblocked } from '../domain/login-throttle';

describe('sign-in throttling', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
  const limit = { maxFailures: 3, windowSeconds: 600 };

  it('stays open below the limit', () => {
    expect(secondsUntilUnblocked([secondsAgo(1), secondsAgo(2)], limit, now)).toBeUndefined();
  });

  it('blocks at the limit until the limit-th newest failure leaves the window', () => {
    expect(secondsUntilUnblocked([secondsAgo(1), secondsAgo(100), secondsAgo(200)], limit, now)).toBe(400);
    expect(secondsUntilUnblocked([secondsAgo(1), secondsAgo(2), secondsAgo(3), secondsAgo(500)], limit, now)).toBe(597);
  });

  it('rounds a partial second up and opens when the window has passed', () => {
    expect(secondsUntilUnblocked([secondsAgo(1), secondsAgo(2), secondsAgo(599.5)], limit, now)).toBe(1);
    expect(secondsUntilUnblocked([secondsAgo(1), secondsAgo(2), secondsAgo(600)], limit, now)).toBeUndefined();
  });
});
