import { randomUUID } from 'node:crypto';
import { OrderStream, PaymentStream, type mart } from '../../../proto/streams';
import { publishUpstream } from '../../../test/upstream-event';
import { EventProbe } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { PaymentsTestKit, type Person } from './payments-test-kit';

process.env.PAYMENTS_WORKER_INTERVAL_MS = '100';

describe('refunds give back captured money, never more', () => {
  let stack: TestStack;
  let kit: PaymentsTestKit;
  let probe: EventProbe<mart.payments.v1.PaymentEvent>;
  let alice: Person;
  let admin: Person;

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['payments'], relay: true });
    kit = new PaymentsTestKit(stack);
    probe = await EventProbe.start(stack.config, PaymentStream);
    alice = await kit.person();
    admin = await kit.person('admin');
  });

  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  async function paidOrder(amountCents: number): Promise<{ orderId: string; paymentId: string }> {
    const orderId = await kit.awaitingPayment(alice, amountCents);
    const { body } = await kit.pay(alice, orderId, 'tok_visa');
    expect(body.status).toBe('SUCCEEDED');
    return { orderId, paymentId: body.id };
  }

  const refundEvents = (paymentId: string) => probe.ofType('paymentRefunded').filter((e) => e.paymentRefunded?.paymentId === paymentId);

  it('lets an admin refund part of a payment, then the rest, publishing each refund with the running total', async () => {
    const { orderId, paymentId } = await paidOrder(5000);

    const first = await kit.refund(admin, paymentId, { amountCents: 1500, reason: 'damaged item' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ paymentId, amountCents: 1500, currency: 'EUR', status: 'SUCCEEDED', reason: 'damaged item' });
    const rest = await kit.refund(admin, paymentId, {});
    expect(rest.body).toMatchObject({ amountCents: 3500, status: 'SUCCEEDED' });

    const payment = (await kit.request('GET', `/payments/${paymentId}`, alice)).body;
    expect(payment).toMatchObject({ status: 'REFUNDED', refundedCents: 5000 });
    expect(payment.refunds.map((r: { amountCents: number }) => r.amountCents)).toEqual([1500, 3500]);

    await waitFor('both PaymentRefunded events', () => refundEvents(paymentId).length === 2);
    const [one, two] = refundEvents(paymentId);
    expect(one.aggregateId).toBe(orderId);
    expect(one.paymentRefunded?.amount?.amountMinor).toBe(1500);
    expect(one.paymentRefunded?.totalRefunded?.amountMinor).toBe(1500);
    expect(two.paymentRefunded?.totalRefunded?.amountMinor).toBe(5000);
  });

  it('refuses to refund more than captured minus already refunded with 422', async () => {
    const { paymentId } = await paidOrder(3000);
    await kit.refund(admin, paymentId, { amountCents: 2000 });

    const tooMuch = await kit.refund(admin, paymentId, { amountCents: 1001 });

    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_CAPTURED', refundableCents: 1000 });
    const payment = (await kit.request('GET', `/payments/${paymentId}`, admin)).body;
    expect(payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: 2000 });
    expect(payment.refunds).toHaveLength(1);
  });

  it('never over-refunds under concurrent requests', async () => {
    const { paymentId } = await paidOrder(1000);

    const responses = await Promise.all(Array.from({ length: 6 }, () => kit.refund(admin, paymentId, { amountCents: 400 })));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 422)).toHaveLength(4);
    expect((await kit.request('GET', `/payments/${paymentId}`, admin)).body.refundedCents).toBe(800);
  });

  it('returns the same refund for a repeated Idempotency-Key and refuses the key with another amount', async () => {
    const { paymentId } = await paidOrder(2000);
    const key = randomUUID();

    const first = await kit.refund(admin, paymentId, { amountCents: 500 }, key);
    const again = await kit.refund(admin, paymentId, { amountCents: 500 }, key);
    const other = await kit.refund(admin, paymentId, { amountCents: 600 }, key);

    expect([first.status, again.status, other.status]).toEqual([201, 200, 422]);
    expect(again.body.id).toBe(first.body.id);
    expect((await kit.request('GET', `/payments/${paymentId}`, admin)).body.refundedCents).toBe(500);
  });

  it('refunds only succeeded payments, only for admins', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const declined = await kit.pay(alice, orderId, 'tok_chargeDeclined');
    const { paymentId } = await paidOrder(1000);

    const ofDeclined = await kit.refund(admin, declined.body.id, { amountCents: 100 });
    expect(ofDeclined.status).toBe(409);
    expect(ofDeclined.body.code).toBe('PAYMENTS.NOT_CAPTURED');
    expect((await kit.refund(alice, paymentId, { amountCents: 100 })).status).toBe(403);
    expect((await kit.refund(admin, randomUUID(), { amountCents: 100 })).status).toBe(404);
    expect((await kit.refund(admin, paymentId, { amountCents: 0 })).status).toBe(400);
    expect((await kit.refund(admin, paymentId, { amountCents: 12.5 })).status).toBe(400);
    expect((await kit.request('GET', `/payments/${paymentId}`, admin)).body.refundedCents).toBe(0);
  });

  it('refunds the whole remaining amount automatically when a paid order is cancelled', async () => {
    const { orderId, paymentId } = await paidOrder(4200);
    await kit.refund(admin, paymentId, { amountCents: 200 });

    await kit.cancelOrder(orderId, alice, true);

    const refunded = await waitFor('the automatic refund', async () => {
      const { body } = await kit.request('GET', `/payments/${paymentId}`, alice);
      return body.status === 'REFUNDED' && body;
    });
    expect(refunded.refundedCents).toBe(4200);
    expect(refunded.refunds.map((r: { amountCents: number; reason: string }) => [r.amountCents, r.reason])).toEqual([
      [200, 'requested_by_admin'],
      [4000, 'order_cancelled'],
    ]);
    const event = await probe.waitFor(
      'the automatic PaymentRefunded',
      (e) => e.paymentRefunded?.reason === 'order_cancelled' && e.paymentRefunded.paymentId === paymentId,
    );
    expect(event.paymentRefunded?.totalRefunded?.amountMinor).toBe(4200);
  });

  it('refunds nothing when an unpaid order is cancelled, and the order can no longer be paid', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const declined = await kit.pay(alice, orderId, 'tok_expiredCard');

    await kit.cancelOrder(orderId, alice, false);

    const late = await kit.pay(alice, orderId, 'tok_visa');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'PAYMENTS.ORDER_NOT_PAYABLE', orderStatus: 'CLOSED' });
    expect(await stack.db('payments')('refunds').where({ payment_id: declined.body.id })).toHaveLength(0);
  });

  it('gives the money back when the order expired although its payment had succeeded', async () => {
    const { orderId, paymentId } = await paidOrder(999);

    await publishUpstream(stack, OrderStream, orderId, 'orderExpired', { orderId, customerId: alice.userId });

    const refunded = await waitFor('the refund of the expired order', async () => {
      const { body } = await kit.request('GET', `/payments/${paymentId}`, alice);
      return body.status === 'REFUNDED' && body;
    });
    expect(refunded.refunds).toEqual([expect.objectContaining({ amountCents: 999, reason: 'order_expired', status: 'SUCCEEDED' })]);
  });

  it('refunds exactly the payment that orders did not accept, and nothing for a payment of another order', async () => {
    const { orderId, paymentId } = await paidOrder(1250);
    const other = await paidOrder(700);

    // A payment id that belongs to another order must not be refunded through this order.
    await publishUpstream(stack, OrderStream, orderId, 'paymentNotAccepted', {
      orderId,
      customerId: alice.userId,
      paymentId: other.paymentId,
      orderStatus: 'EXPIRED',
      reason: 'the order is EXPIRED',
    });
    await publishUpstream(stack, OrderStream, orderId, 'paymentNotAccepted', {
      orderId,
      customerId: alice.userId,
      paymentId,
      orderStatus: 'EXPIRED',
      reason: 'the order is EXPIRED',
    });

    const refunded = await waitFor('the refund of the payment not accepted', async () => {
      const { body } = await kit.request('GET', `/payments/${paymentId}`, alice);
      return body.status === 'REFUNDED' && body;
    });
    expect(refunded.refunds).toEqual([expect.objectContaining({ amountCents: 1250, reason: 'payment_not_accepted', status: 'SUCCEEDED' })]);
    const event = await probe.waitFor('its PaymentRefunded', (e) => e.paymentRefunded?.paymentId === paymentId);
    expect(event.paymentRefunded).toMatchObject({ reason: 'payment_not_accepted', amount: { amountMinor: 1250, currency: 'EUR' } });
    expect((await kit.request('GET', `/payments/${other.paymentId}`, alice)).body).toMatchObject({ status: 'SUCCEEDED', refundedCents: 0 });
  });
});
