import { OrderStream, type mart } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { ADDRESS, shopApi, type Shopper } from './shop-api';

describe('an order through its life, with inventory and payments running', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const eventsOf = async (orderId: string) =>
    (await outboxEvents<mart.orders.v1.OrderEvent>(stack.db('orders'), OrderStream)).filter((e) => e.aggregateId === orderId);

  it('is priced from the catalogue, awaits payment once stock is reserved, and is paid, shipped and delivered', async () => {
    const customer = await api.person();
    const { productId, sku } = await api.stockedProduct(admin, { priceCents: 1250, onHand: 10 });

    const placed = await api.placeOrder(customer, { items: [{ productId, quantity: 2 }], shippingAddress: ADDRESS });
    expect(placed.status).toBe(201);
    expect(placed.headers.location).toBe(`/orders/${placed.body.id}`);
    expect(placed.body).toMatchObject({
      customerId: customer.userId,
      status: 'PENDING',
      lines: [{ productId, sku, quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 }],
      totalCents: 2500,
      currency: 'EUR',
      shippingAddress: ADDRESS,
    });
    const orderId = placed.body.id as string;

    const awaiting = await api.untilStatus(customer, orderId, 'AWAITING_PAYMENT');
    expect(new Date(awaiting.paymentDueAt).getTime()).toBeGreaterThan(Date.now());

    const payment = await api.pay(customer, orderId, 'tok_visa');
    // The card is charged right away, or moments later: by a busy processor, or held (REQUIRES_ORDER) until payments
    // has read the order's AWAITING_PAYMENT, which orders showed first. Either way it succeeds.
    expect(['SUCCEEDED', 'PROCESSING', 'REQUIRES_ORDER']).toContain(payment.body.status);
    await waitFor('the payment to succeed', async () => (await api.payments(customer, orderId)).some((p) => p.status === 'SUCCEEDED'));
    const paid = await api.untilStatus(customer, orderId, 'PAID');
    expect(paid.paymentId).toBe(payment.body.id);
    // Paid stock stays reserved until it ships.
    expect(await api.stockOf(productId)).toMatchObject({ onHand: 10, reserved: 2 });

    expect((await api.ship(customer, orderId)).status).toBe(403);
    const shipped = await api.ship(admin, orderId, 'DHL-123');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'SHIPPED', trackingNumber: 'DHL-123' });
    await waitFor('stock to be committed as it ships', async () => {
      const stock = await api.stockOf(productId);
      return stock.onHand === 8 && stock.reserved === 0;
    });
    expect((await api.deliver(admin, orderId)).body.status).toBe('DELIVERED');

    const late = await api.cancel(customer, orderId);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION', from: 'DELIVERED', to: 'CANCELLED' });

    const { body: final } = await api.getOrder(customer, orderId);
    expect(final.history.map((change: { to: string }) => change.to)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED']);
    const events = await eventsOf(orderId);
    expect(events.map((e) => e.event)).toEqual([
      'orderPlaced',
      'orderAwaitingPayment',
      'orderPaid',
      'fulfilmentCreated',
      'fulfilmentShipped',
      'orderShipped',
      'fulfilmentDelivered',
      'orderDelivered',
    ]);
    const orderPlaced = events[0].orderPlaced!;
    expect(orderPlaced).toMatchObject({
      customerId: customer.userId,
      lines: [{ productId, quantity: 2, unitPrice: { currency: 'EUR' } }],
      shippingAddress: { city: 'London', country: 'GB' },
    });
    expect(orderPlaced.total?.amountMinor).toBe(2500);
    expect(orderPlaced.lines?.[0].unitPrice?.amountMinor).toBe(1250);
    expect(events[2].orderPaid?.paymentId).toBe(payment.body.id);
    expect(events[2].orderPaid?.total?.amountMinor).toBe(2500);
  });

  it('stays awaiting payment after a declined card, and a retry pays it', async () => {
    const customer = await api.person();
    const { productId } = await api.stockedProduct(admin, { priceCents: 500 });
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS });
    await api.untilStatus(customer, order.id, 'AWAITING_PAYMENT');

    // A busy processor answers moments later: each charge is awaited to its end before the next.
    const declined = await api.pay(customer, order.id, 'tok_chargeDeclined');
    await waitFor('the declined charge to fail', async () => (await api.payments(customer, order.id)).some((p) => p.id === declined.body.id && p.status === 'FAILED'));
    const retried = await api.pay(customer, order.id, 'tok_visa');
    await waitFor('the retry to succeed', async () => (await api.payments(customer, order.id)).some((p) => p.id === retried.body.id && p.status === 'SUCCEEDED'));

    const paid = await api.untilStatus(customer, order.id, 'PAID');
    expect(paid.paymentId).toBe(retried.body.id);
  });

  it('is rejected when stock is short, with the reason', async () => {
    const customer = await api.person();
    const { productId } = await api.stockedProduct(admin, { onHand: 1 });
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 3 }], shippingAddress: ADDRESS });

    const rejected = await api.untilStatus(customer, order.id, 'REJECTED');
    expect(rejected.statusReason).toContain(productId);
    expect((await eventsOf(order.id)).map((e) => e.event)).toEqual(['orderPlaced', 'orderRejected']);
    expect((await api.cancel(customer, order.id)).body).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION', from: 'REJECTED' });
  });

  it('can be cancelled by its customer before payment, releasing the reserved stock', async () => {
    const customer = await api.person();
    const { productId } = await api.stockedProduct(admin, { onHand: 5 });
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 2 }], shippingAddress: ADDRESS });
    await api.untilStatus(customer, order.id, 'AWAITING_PAYMENT');
    await waitFor('stock to be reserved', async () => (await api.stockOf(productId)).reserved === 2);

    const cancelled = await api.cancel(customer, order.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    await waitFor('the reservation to be released', async () => {
      const stock = await api.stockOf(productId);
      return stock.reserved === 0 && stock.onHand === 5;
    });
    const [, , cancelledEvent] = await eventsOf(order.id);
    expect(cancelledEvent.orderCancelled).toMatchObject({ previousStatus: 'AWAITING_PAYMENT', refundRequired: false });
  });

  it('refunds the payment and releases the stock when a paid order is cancelled before it ships', async () => {
    const customer = await api.person();
    const { productId } = await api.stockedProduct(admin, { priceCents: 700, onHand: 4 });
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 3 }], shippingAddress: ADDRESS });
    await api.untilStatus(customer, order.id, 'AWAITING_PAYMENT');
    await api.pay(customer, order.id);
    await api.untilStatus(customer, order.id, 'PAID');
    expect(await api.stockOf(productId)).toMatchObject({ onHand: 4, reserved: 3 });

    const cancelled = await api.cancel(customer, order.id);
    expect(cancelled.body.status).toBe('CANCELLED');
    const [, , , cancelledEvent] = await eventsOf(order.id);
    expect(cancelledEvent.orderCancelled).toMatchObject({ previousStatus: 'PAID', refundRequired: true, lines: [{ productId, quantity: 3 }] });

    await waitFor('the payment to be refunded', async () => {
      const [payment] = await api.payments(customer, order.id);
      return payment?.refundedCents === 2100;
    });
    await waitFor('the reservation to be released', async () => (await api.stockOf(productId)).reserved === 0);
    expect(await api.stockOf(productId)).toMatchObject({ onHand: 4, available: 4 });
  });

  it('lets an admin cancel any customer\'s order, but nobody ship an unpaid one', async () => {
    const customer = await api.person();
    const { productId } = await api.stockedProduct(admin);
    const { body: order } = await api.placeOrder(customer, { items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS });

    const shipped = await api.ship(admin, order.id);
    expect(shipped.status).toBe(409);
    expect(shipped.body.code).toBe('ORDERS.ILLEGAL_TRANSITION');
    expect((await api.cancel(admin, order.id)).body.status).toBe('CANCELLED');
    expect((await api.getOrder(customer, order.id)).body.history.at(-1)).toMatchObject({ from: expect.any(String), to: 'CANCELLED', reason: 'Cancelled by an admin' });
  });
});
