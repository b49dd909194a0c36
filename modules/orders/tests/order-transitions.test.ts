import { DomainError } from '../../../src/errors/domain-error';
import { SYSTEM_ACTOR, type Order } from '../domain/order';
import { toAwaitingPayment, toCancelled, toExpired, toFulfilmentStatus, toPaid, toRejected } from '../domain/order-transitions';

const createdAt = new Date('2026-12-01T10:00:00Z');
const now = new Date('2026-12-01T10:05:00Z');

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: '0b7c2a52-3d6e-4d5a-9a43-2f0d1c9e8b11',
    customerId: '5f0e6c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f',
    status: 'PENDING',
    lines: [{ productId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', variantId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', options: [], sku: 'MUG-1', name: 'Mug', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500, discountCents: 500, tax: null }],
    subtotalCents: 2500,
    discountCents: 500,
    shipping: null,
    taxCents: 0,
    pricesIncludeTax: false,
    rounding: 'half-up-per-line',
    totalCents: 2000,
    currency: 'EUR',
    promotionCode: 'SAVE5',
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
    paymentDueAt: null,
    paymentId: null,
    trackingNumber: null,
    refundedCents: 0,
    statusReason: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

describe('order transitions', () => {
  it('return the new state, the history line and the event, at the time they are given', () => {
    const dueAt = new Date('2026-12-01T10:35:00Z');
    const { order: awaiting, change, event } = toAwaitingPayment(order(), dueAt, now);
    expect(awaiting).toMatchObject({ status: 'AWAITING_PAYMENT', paymentDueAt: dueAt, updatedAt: now, statusReason: null });
    expect(change).toEqual({ from: 'PENDING', to: 'AWAITING_PAYMENT', reason: null, actor: SYSTEM_ACTOR, occurredAt: now });
    expect(event).toEqual({
      event: 'orderAwaitingPayment',
      payload: { orderId: awaiting.id, customerId: awaiting.customerId, total: { amountMinor: 2000, currency: 'EUR' }, paymentDueAt: '2026-12-01T10:35:00.000Z' },
    });
  });

  it('leave the order they are given unchanged', () => {
    const before = order();
    toRejected(before, 'out of stock', now);
    expect(before.status).toBe('PENDING');
  });

  it('refuse a move the status machine does not allow', () => {
    expect(() => toFulfilmentStatus(order(), 'SHIPPED', { actor: 'admin', trackingNumber: 'T1' }, now)).toThrow(DomainError);
    expect(() => toPaid(order({ status: 'CANCELLED' }), 'pay-1', now)).toThrow(DomainError);
  });

  it('a paid order names its payment, total, discount and promotion', () => {
    const { order: paid, event } = toPaid(order({ status: 'AWAITING_PAYMENT' }), 'pay-1', now);
    expect(paid.paymentId).toBe('pay-1');
    expect(event.event).toBe('orderPaid');
    expect(event.payload).toMatchObject({ paymentId: 'pay-1', total: { amountMinor: 2000 }, discount: { amountMinor: 500 }, promotionCode: 'SAVE5' });
  });

  it('a cancellation asks for a refund exactly when the order holds a payment or one is named', () => {
    const unpaid = toCancelled(order({ status: 'AWAITING_PAYMENT' }), { actor: 'u1', reason: 'changed my mind' }, now);
    expect(unpaid.event.payload).toMatchObject({ refundRequired: false, paymentId: '', previousStatus: 'AWAITING_PAYMENT', reason: 'changed my mind' });
    expect(unpaid.order.statusReason).toBe('changed my mind');

    const paid = toCancelled(order({ status: 'PAID', paymentId: 'pay-1' }), { actor: 'admin', reason: 'fraud' }, now);
    expect(paid.event.payload).toMatchObject({ refundRequired: true, paymentId: 'pay-1' });

    const mismatch = toCancelled(order({ status: 'AWAITING_PAYMENT' }), { actor: SYSTEM_ACTOR, reason: 'amount', paymentId: 'pay-2' }, now);
    expect(mismatch.order.paymentId).toBe('pay-2');
    expect(mismatch.event.payload).toMatchObject({ refundRequired: true, paymentId: 'pay-2' });
  });

  it('expiry, shipping and delivery carry what their events promise', () => {
    const dueAt = new Date('2026-12-01T10:35:00Z');
    expect(toExpired(order({ status: 'AWAITING_PAYMENT', paymentDueAt: dueAt }), now).event.payload).toMatchObject({ paymentDueAt: dueAt.toISOString() });
    const partly = toFulfilmentStatus(order({ status: 'PAID' }), 'PARTIALLY_SHIPPED', { actor: 'admin', trackingNumber: 'T0' }, now);
    expect(partly.event).toBeNull();
    const shipped = toFulfilmentStatus(partly.order, 'SHIPPED', { actor: 'admin', trackingNumber: 'T1' }, now);
    expect(shipped.order.trackingNumber).toBe('T1');
    expect(shipped.event).toEqual({ event: 'orderShipped', payload: { orderId: shipped.order.id, customerId: shipped.order.customerId, trackingNumber: 'T1' } });
    expect(toFulfilmentStatus(shipped.order, 'DELIVERED', { actor: 'admin', trackingNumber: null }, now).change).toMatchObject({ from: 'SHIPPED', to: 'DELIVERED', actor: 'admin' });
  });
});
