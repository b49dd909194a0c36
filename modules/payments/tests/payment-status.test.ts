import { isCaptured, isRefundable, statusAfterCharge, statusAfterRefund } from '../domain/payment-status';

describe('payment status transitions', () => {
  it('settles a processing payment by the provider outcome', () => {
    expect(statusAfterCharge('PROCESSING', 'succeeded')).toBe('SUCCEEDED');
    expect(statusAfterCharge('PROCESSING', 'declined')).toBe('FAILED');
    expect(statusAfterCharge('PROCESSING', 'timed_out')).toBe('FAILED');
  });

  it.each(['SUCCEEDED', 'FAILED', 'REFUNDED'] as const)('never settles a %s payment again', (status) => {
    expect(() => statusAfterCharge(status, 'succeeded')).toThrow();
  });

  it('becomes partially refunded, then refunded when everything is given back', () => {
    expect(statusAfterRefund('SUCCEEDED', 5000, 1000)).toBe('PARTIALLY_REFUNDED');
    expect(statusAfterRefund('PARTIALLY_REFUNDED', 5000, 4999)).toBe('PARTIALLY_REFUNDED');
    expect(statusAfterRefund('PARTIALLY_REFUNDED', 5000, 5000)).toBe('REFUNDED');
  });

  it('refuses refunds of money never captured or beyond the captured amount', () => {
    expect(() => statusAfterRefund('FAILED', 5000, 100)).toThrow();
    expect(() => statusAfterRefund('PROCESSING', 5000, 100)).toThrow();
    expect(() => statusAfterRefund('SUCCEEDED', 5000, 5001)).toThrow();
  });

  it('knows which payments hold money and which can still give some back', () => {
    expect(['PROCESSING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED'].filter((s) => isCaptured(s as never))).toEqual([
      'SUCCEEDED',
      'PARTIALLY_REFUNDED',
      'REFUNDED',
    ]);
    expect(isRefundable('REFUNDED')).toBe(false);
    expect(isRefundable('PARTIALLY_REFUNDED')).toBe(true);
  });
});
