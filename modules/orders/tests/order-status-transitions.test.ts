import { DomainError } from '../../../src/errors/domain-error';
import { acceptsPayment, assertTransition, canTransition, endedUnfulfilled, isTerminal, ORDER_STATUSES, type OrderStatus } from '../domain/order-status';

const LEGAL: ReadonlyArray<[OrderStatus, OrderStatus]> = [
  ['PENDING', 'AWAITING_PAYMENT'],
  ['PENDING', 'REJECTED'],
  ['PENDING', 'CANCELLED'],
  ['AWAITING_PAYMENT', 'PAID'],
  ['AWAITING_PAYMENT', 'EXPIRED'],
  ['AWAITING_PAYMENT', 'CANCELLED'],
  ['PAID', 'PARTIALLY_SHIPPED'],
  ['PAID', 'SHIPPED'],
  ['PARTIALLY_SHIPPED', 'SHIPPED'],
  ['PAID', 'CANCELLED'],
  ['SHIPPED', 'DELIVERED'],
];

const isLegal = (from: OrderStatus, to: OrderStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const allPairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));

describe('the order status machine', () => {
  it('knows all nine statuses', () => {
    expect([...ORDER_STATUSES].sort()).toEqual(
      ['AWAITING_PAYMENT', 'CANCELLED', 'DELIVERED', 'EXPIRED', 'PAID', 'PARTIALLY_SHIPPED', 'PENDING', 'REJECTED', 'SHIPPED'],
    );
  });

  it.each(allPairs.filter(([from, to]) => isLegal(from, to)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(allPairs.filter(([from, to]) => !isLegal(from, to)))('refuses %s → %s with ORDERS.ILLEGAL_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION', kind: 'conflict', details: { from, to } });
  });

  it('treats delivered, rejected, cancelled and expired orders as final', () => {
    expect(ORDER_STATUSES.filter(isTerminal).sort()).toEqual(['CANCELLED', 'DELIVERED', 'EXPIRED', 'REJECTED']);
  });

  it('counts rejected, expired and cancelled orders, not delivered ones, as ended unfulfilled', () => {
    expect(ORDER_STATUSES.filter(endedUnfulfilled).sort()).toEqual(['CANCELLED', 'EXPIRED', 'REJECTED']);
  });

  it('accepts a payment only while awaiting payment', () => {
    expect(ORDER_STATUSES.filter(acceptsPayment)).toEqual(['AWAITING_PAYMENT']);
  });
});
