import { decideHeldPayment, type OrderAsSeen } from '../domain/held-payment-decision';

const now = new Date('2026-12-01T12:00:00Z');
const order = (change: Partial<OrderAsSeen>): OrderAsSeen => ({
  status: 'PAYABLE',
  paymentDueAt: new Date('2026-12-01T12:30:00Z'),
  closedReason: null,
  ...change,
});

describe('a payment held until its order can be charged', () => {
  it('waits while the order waits for stock', () => {
    expect(decideHeldPayment(order({ status: 'PENDING' }), false, now)).toEqual({ action: 'wait' });
  });

  it('is charged once the order awaits payment and nothing else was charged for it', () => {
    expect(decideHeldPayment(order({}), false, now)).toEqual({ action: 'charge' });
  });

  it('ends uncharged when another payment of the order is charged first', () => {
    expect(decideHeldPayment(order({}), true, now)).toEqual({ action: 'cancel', reason: 'superseded' });
  });

  it('ends uncharged when the payment window closed before it could be charged', () => {
    expect(decideHeldPayment(order({ paymentDueAt: new Date('2026-12-01T11:59:59Z') }), false, now)).toEqual({
      action: 'cancel',
      reason: 'payment_window_closed',
    });
  });

  it('ends uncharged with the reason the order closed for', () => {
    expect(decideHeldPayment(order({ status: 'CLOSED', closedReason: 'order_rejected' }), false, now)).toEqual({
      action: 'cancel',
      reason: 'order_rejected',
    });
    expect(decideHeldPayment(order({ status: 'CLOSED', closedReason: 'order_expired' }), false, now)).toEqual({
      action: 'cancel',
      reason: 'order_expired',
    });
    expect(decideHeldPayment(order({ status: 'PAID' }), false, now)).toEqual({ action: 'cancel', reason: 'order_already_paid' });
  });
});
