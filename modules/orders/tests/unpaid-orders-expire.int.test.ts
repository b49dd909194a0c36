import { randomUUID } from 'node:crypto';
import { OrderStream, PaymentStream, type mart } from '../../../proto/streams';
import { publishUpstream } from '../../../test/upstream-event';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { expireOverdueOrders } from '../application/expire-overdue-orders';
import { ADDRESS, shopApi, type Shopper } from './shop-api';

describe('orders not paid in time expire', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, env: { ORDER_PAYMENT_TIMEOUT_SECONDS: '2', ORDER_EXPIRY_SWEEP_INTERVAL_MS: '200' } });
    api = shopApi(stack);
    admin = await api.person('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const eventsOf = async (orderId: string) =>
    (await outboxEvents<mart.orders.v1.OrderEvent>(stack.db('orders'), OrderStream)).filter((e) => e.aggregateId === orderId);

  async function awaitingOrder(customer: Shopper) {
    const { productId } = await api.stockedProduct(admin, { onHand: 5 });
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 2 }], shippingAddress: ADDRESS });
    await api.untilStatus(customer, order.id, 'AWAITING_PAYMENT');
    return { orderId: order.id as string, productId };
  }

  it('expires after the payment timeout, releases the stock, and can no longer be paid', async () => {
    const customer = await api.person();
    const { orderId, productId } = await awaitingOrder(customer);

    const expired = await api.untilStatus(customer, orderId, 'EXPIRED', 10_000);
    expect(expired.statusReason).toBe('Not paid in time');
    const [, , expiredEvent] = await eventsOf(orderId);
    expect(expiredEvent.orderExpired).toMatchObject({ orderId, customerId: customer.userId, lines: [{ productId, quantity: 2 }] });
    await waitFor('the reservation to be released', async () => (await api.stockOf(productId)).reserved === 0);

    const payment = await api
      .http()
      .post('/payments')
      .set('Authorization', `Bearer ${customer.token}`)
      .set('Idempotency-Key', randomUUID())
      .send({ orderId, paymentMethod: { type: 'card', token: 'tok_visa' } });
    expect(payment.status).toBeGreaterThanOrEqual(400);
    expect(payment.status).toBeLessThan(500);
    expect((await api.cancel(customer, orderId)).body).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION', from: 'EXPIRED', to: 'CANCELLED' });
  });

  it('is expired once even when several sweepers run at the same time', async () => {
    const customer = await api.person();
    const { orderId } = await awaitingOrder(customer);
    await stack.db('orders')('orders').where({ id: orderId }).update({ payment_due_at: new Date(Date.now() - 1000) });

    await Promise.all([expireOverdueOrders(stack.db('orders')), expireOverdueOrders(stack.db('orders')), expireOverdueOrders(stack.db('orders'))]);

    await api.untilStatus(customer, orderId, 'EXPIRED');
    expect((await eventsOf(orderId)).filter((e) => e.event === 'orderExpired')).toHaveLength(1);
    const history = await stack.db('orders')('order_status_history').where({ order_id: orderId, to_status: 'EXPIRED' });
    expect(history).toHaveLength(1);
  });

  // A charge that settles just after the order expired: payments cannot produce this race on demand,
  // so the late PaymentSucceeded is recorded in its outbox directly and travels the real relay and consumer.
  it('asks for a refund of a payment that arrives after the order expired, and stays expired', async () => {
    const customer = await api.person();
    const { orderId } = await awaitingOrder(customer);
    await api.untilStatus(customer, orderId, 'EXPIRED', 10_000);
    const { body: order } = await api.getOrder(customer, orderId);

    const latePaymentId = randomUUID();
    await publishUpstream(stack, PaymentStream, orderId, 'paymentSucceeded', {
        paymentId: latePaymentId,
        orderId,
        customerId: customer.userId,
        amount: { amountMinor: order.totalCents, currency: order.currency },
      });

    const compensation = await waitFor('a refund request for the late payment', async () =>
      (await eventsOf(orderId)).find((e) => e.paymentNotAccepted?.paymentId === latePaymentId),
    );
    expect(compensation.paymentNotAccepted).toMatchObject({ orderId, customerId: customer.userId, orderStatus: 'EXPIRED' });
    expect((await eventsOf(orderId)).filter((e) => e.event === 'orderCancelled')).toEqual([]);
    expect((await api.getOrder(customer, orderId)).body.status).toBe('EXPIRED');
    const unapplied = await stack.db('orders')('order_unapplied_events').where({ order_id: orderId });
    expect(unapplied).toEqual([expect.objectContaining({ event_type: 'PaymentSucceeded', order_status: 'EXPIRED' })]);
  });
});
