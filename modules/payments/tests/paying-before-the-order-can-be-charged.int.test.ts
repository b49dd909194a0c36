import { randomUUID } from 'node:crypto';
import { PaymentStream, type mart } from '../../../proto/streams';
import { EventProbe } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { PaymentsTestKit, type Person } from './payments-test-kit';

process.env.PAYMENTS_WORKER_INTERVAL_MS = '100';
process.env.PAYMENTS_HOLD_EXPIRES_AFTER_MS = '3000';
// One customer holds payments for 20 orders at once below; the cap on held payments has a test of its own.
process.env.PAYMENTS_MAX_HELD_PER_USER = '1000';

describe('a shopper pays before payments can charge the order', () => {
  let stack: TestStack;
  let kit: PaymentsTestKit;
  let probe: EventProbe<mart.payments.v1.PaymentEvent>;
  let alice: Person;

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['payments'], relay: true });
    kit = new PaymentsTestKit(stack);
    probe = await EventProbe.start(stack.config, PaymentStream);
    alice = await kit.person();
  });

  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  const paymentEventsOf = (paymentId: string) =>
    probe.received.filter(({ envelope: e }) => [e.paymentSucceeded, e.paymentFailed].some((event) => event?.paymentId === paymentId));

  it('holds a payment sent before payments knows the order, and charges it once the order awaits payment', async () => {
    const orderId = randomUUID();

    const early = await kit.pay(alice, orderId, 'tok_visa');
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ orderId, status: 'REQUIRES_ORDER', amountCents: null, cancellationReason: null });

    await kit.placeOrder(alice, 2500, 'EUR', orderId);
    await kit.paymentReaches(alice, early.body.id, 'PENDING');
    await kit.orderAwaitsPayment(orderId, alice, 2500);

    const charged = await kit.paymentReaches(alice, early.body.id, 'SUCCEEDED');
    expect(charged).toMatchObject({ amountCents: 2500, currency: 'EUR', card: { brand: 'visa', last4: '4242' } });
    await probe.waitFor('PaymentSucceeded', (e) => e.paymentSucceeded?.paymentId === early.body.id);
    const replay = await kit.request('GET', `/payments?orderId=${orderId}`, alice);
    expect(replay.body.items).toHaveLength(1);
  });

  it('ends a held payment uncharged when its order is rejected', async () => {
    const orderId = await kit.placeOrder(alice);
    const early = await kit.pay(alice, orderId, 'tok_visa');
    expect(early.body.status).toBe('PENDING');

    await kit.rejectOrder(orderId, alice);

    const cancelled = await kit.paymentReaches(alice, early.body.id, 'CANCELLED');
    expect(cancelled).toMatchObject({ cancellationReason: 'order_rejected', card: null, refunds: [] });
    expect(cancelled.settledAt).not.toBeNull();
    expect(paymentEventsOf(early.body.id)).toEqual([]);
    const row = await stack.db('payments')('payments').where({ id: early.body.id }).first();
    expect(row.payment_method_token).toBeNull();
  });

  it("never charges a payment for someone else's order, reveals nothing of it, and lets it expire", async () => {
    const mallory = await kit.person();
    const orderId = await kit.awaitingPayment(alice);

    const foreign = await kit.pay(mallory, orderId, 'tok_visa');
    expect(foreign.status).toBe(202);
    const own = await kit.pay(alice, orderId, 'tok_mastercard');
    expect(own.status).toBe(201);
    expect(own.body.status).toBe('SUCCEEDED');
    await kit.orderStatusIs(orderId, 'PAYABLE');

    const ended = await kit.paymentReaches(mallory, foreign.body.id, 'CANCELLED');
    expect(ended).toMatchObject({ cancellationReason: 'order_not_found', amountCents: null, customerId: mallory.userId, card: null });
    expect(paymentEventsOf(foreign.body.id)).toEqual([]);
  });

  it('lets a payment for an order that never appears expire uncharged', async () => {
    const early = await kit.pay(alice, randomUUID(), 'tok_visa');
    expect(early.body.status).toBe('REQUIRES_ORDER');

    const ended = await kit.paymentReaches(alice, early.body.id, 'CANCELLED');
    expect(ended).toMatchObject({ cancellationReason: 'order_not_found' });
    expect(Date.parse(ended.settledAt) - Date.parse(ended.createdAt)).toBeGreaterThanOrEqual(3000);
  });

  it('charges one of several payments held for an order and ends the others as superseded', async () => {
    const orderId = randomUUID();
    const held = await Promise.all(['tok_visa', 'tok_mastercard', 'tok_visa'].map((token) => kit.pay(alice, orderId, token)));
    expect(held.map((r) => r.status)).toEqual([202, 202, 202]);

    await kit.placeOrder(alice, 1000, 'EUR', orderId);
    await kit.orderAwaitsPayment(orderId, alice, 1000);

    const settled = await waitFor('every held payment to end', async () => {
      const now = await Promise.all(held.map((r) => kit.request('GET', `/payments/${r.body.id}`, alice).then(({ body }) => body)));
      return now.every((p) => p.status === 'SUCCEEDED' || p.status === 'CANCELLED') && now;
    });
    expect(settled.filter((p) => p.status === 'SUCCEEDED')).toHaveLength(1);
    expect(settled.filter((p) => p.status === 'CANCELLED').map((p) => p.cancellationReason)).toEqual(['superseded', 'superseded']);
  });

  it('never misses a payment that races the first event of its order', async () => {
    const orderIds = Array.from({ length: 20 }, () => randomUUID());
    const payments = await Promise.all(
      orderIds.map(async (orderId) => {
        const [paid] = await Promise.all([kit.pay(alice, orderId, 'tok_visa'), kit.placeOrder(alice, 700, 'EUR', orderId)]);
        expect(paid.status).toBe(202);
        return paid.body.id as string;
      }),
    );
    await Promise.all(orderIds.map((orderId) => kit.orderAwaitsPayment(orderId, alice, 700)));

    const settled = await Promise.all(payments.map((id) => kit.paymentReaches(alice, id, 'SUCCEEDED')));
    expect(settled.map((p) => p.amountCents)).toEqual(orderIds.map(() => 700));
  });
});
