import type { OrderStatus } from '../domain/order-status';
import { decidePaymentAcceptance } from '../domain/payment-acceptance';

const paid = { paymentId: 'pay-1', amount: { amountMinor: 4999, currency: 'EUR' } };
const order = (status: OrderStatus, paymentId: string | null = null) => ({ status, paymentId, totalCents: 4999, currency: 'EUR' });

describe('what an order does with a payment that succeeded for it', () => {
  it('ignores a payment for an order it does not know, and one it has already applied', () => {
    expect(decidePaymentAcceptance(undefined, paid)).toEqual({ action: 'ignore', why: 'unknown order' });
    expect(decidePaymentAcceptance(order('PAID', 'pay-1'), paid)).toEqual({ action: 'ignore', why: 'payment already applied' });
  });

  it.each(['EXPIRED', 'CANCELLED', 'REJECTED'] as const)('refunds a payment for an order that is %s, which stays so', (status) => {
    expect(decidePaymentAcceptance(order(status), paid)).toEqual({ action: 'refund', why: `the order is ${status}` });
  });

  it('leaves a second payment of a paid or delivered order to an operator', () => {
    expect(decidePaymentAcceptance(order('PAID', 'pay-0'), paid)).toMatchObject({ action: 'manual refund' });
    expect(decidePaymentAcceptance(order('SHIPPED', 'pay-0'), paid)).toMatchObject({ action: 'manual refund' });
    expect(decidePaymentAcceptance(order('DELIVERED', 'pay-0'), paid)).toMatchObject({ action: 'manual refund' });
  });

  it('cancels the order when the amount or the currency differs from its total', () => {
    expect(decidePaymentAcceptance(order('AWAITING_PAYMENT'), { ...paid, amount: { amountMinor: 4998, currency: 'EUR' } })).toEqual({
      action: 'cancel for wrong amount',
      why: 'charged 4998 EUR for a total of 4999 EUR',
    });
    expect(decidePaymentAcceptance(order('PENDING'), { ...paid, amount: { amountMinor: 4999, currency: 'USD' } })).toMatchObject({
      action: 'cancel for wrong amount',
    });
  });

  it('marks an order awaiting payment paid', () => {
    expect(decidePaymentAcceptance(order('AWAITING_PAYMENT'), paid)).toEqual({ action: 'mark paid' });
  });

  it('holds the payment of an order whose stock is not reserved yet', () => {
    expect(decidePaymentAcceptance(order('PENDING'), paid)).toEqual({ action: 'hold' });
  });
});
