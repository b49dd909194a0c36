import { DomainError } from '../../../src/errors/domain-error';
import { decideRefundAmount, refundableCents } from '../domain/refund-amount';

describe('refund arithmetic', () => {
  it('leaves the captured amount minus every refund made or under way', () => {
    expect(refundableCents(5000, [])).toBe(5000);
    expect(refundableCents(5000, [1000, 1500])).toBe(2500);
    expect(refundableCents(5000, [5000])).toBe(0);
  });

  it('refunds everything still refundable when no amount is asked for', () => {
    expect(decideRefundAmount(undefined, 2500)).toBe(2500);
  });

  it('allows a partial refund up to exactly what is left', () => {
    expect(decideRefundAmount(1, 2500)).toBe(1);
    expect(decideRefundAmount(2500, 2500)).toBe(2500);
  });

  it.each([
    [2501, 2500],
    [1, 0],
    [undefined, 0],
  ])('refuses %s when %s is refundable', (requested, refundable) => {
    try {
      decideRefundAmount(requested, refundable);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_CAPTURED', kind: 'unprocessable' });
    }
  });
});
