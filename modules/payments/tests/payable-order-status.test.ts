import { advanceOrderStatus, canBePaid } from '../domain/payable-order-status';

describe("the payments module's view of an order", () => {
  it('moves forward through placed, payable, paid and closed', () => {
    expect(advanceOrderStatus(undefined, 'PENDING')).toBe('PENDING');
    expect(advanceOrderStatus('PENDING', 'PAYABLE')).toBe('PAYABLE');
    expect(advanceOrderStatus('PAYABLE', 'PAID')).toBe('PAID');
    expect(advanceOrderStatus('PAID', 'CLOSED')).toBe('CLOSED');
    expect(advanceOrderStatus('PENDING', 'CLOSED')).toBe('CLOSED');
  });

  it('is never reopened by a late or replayed event', () => {
    expect(advanceOrderStatus('CLOSED', 'PAYABLE')).toBe('CLOSED');
    expect(advanceOrderStatus('PAID', 'PAYABLE')).toBe('PAID');
    expect(advanceOrderStatus('PAYABLE', 'PENDING')).toBe('PAYABLE');
  });

  it('can be paid only while payable and before its payment is due', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(canBePaid({ status: 'PAYABLE', paymentDueAt: new Date('2026-11-24T12:30:00Z') }, now)).toBe(true);
    expect(canBePaid({ status: 'PAYABLE', paymentDueAt: null }, now)).toBe(true);
    expect(canBePaid({ status: 'PAYABLE', paymentDueAt: new Date('2026-11-24T11:59:59Z') }, now)).toBe(false);
    expect(canBePaid({ status: 'PENDING', paymentDueAt: null }, now)).toBe(false);
    expect(canBePaid({ status: 'PAID', paymentDueAt: null }, now)).toBe(false);
    expect(canBePaid({ status: 'CLOSED', paymentDueAt: null }, now)).toBe(false);
  });
});
