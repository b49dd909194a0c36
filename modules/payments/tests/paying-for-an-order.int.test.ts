import { randomUUID } from 'node:crypto';
import { PaymentStream, type mart } from '../../../proto/streams';
import { EventProbe, outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { PaymentsTestKit, type Person } from './payments-test-kit';

process.env.PAYMENTS_PROVIDER_TIMEOUT_MS = '300';
process.env.PAYMENTS_RECONCILE_AFTER_MS = '2000';
process.env.PAYMENTS_WORKER_INTERVAL_MS = '100';

describe('a customer pays for an order awaiting payment', () => {
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

  it('charges the order total and publishes PaymentSucceeded', async () => {
    const orderId = await kit.awaitingPayment(alice, 4999, 'EUR');

    const response = await kit.pay(alice, orderId, 'tok_visa');

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/payments/${response.body.id}`);
    expect(response.body).toMatchObject({
      orderId,
      customerId: alice.userId,
      status: 'SUCCEEDED',
      amountCents: 4999,
      currency: 'EUR',
      refundedCents: 0,
      card: { brand: 'visa', last4: '4242' },
      declineCode: null,
      refunds: [],
    });
    const event = await probe.waitFor('PaymentSucceeded', (e) => e.paymentSucceeded?.paymentId === response.body.id);
    expect(event.aggregateId).toBe(orderId);
    expect(event.actorUserId).toBe(alice.userId);
    expect(event.paymentSucceeded).toMatchObject({
      orderId,
      customerId: alice.userId,
      amount: { currency: 'EUR' },
      card: { brand: 'visa', last4: '4242' },
    });
    expect(event.paymentSucceeded?.amount?.amountMinor).toBe(4999);
    expect((await kit.request('GET', `/payments/${response.body.id}`, alice)).body).toEqual(response.body);
  });

  it('records a declined card as a FAILED payment with PaymentFailed, and a retry with a good card succeeds', async () => {
    const orderId = await kit.awaitingPayment(alice, 1200);

    const declined = await kit.pay(alice, orderId, 'tok_insufficientFunds');
    expect(declined.status).toBe(201);
    expect(declined.body).toMatchObject({ status: 'FAILED', declineCode: 'card_declined', failureReason: 'insufficient_funds' });
    const failed = await probe.waitFor('PaymentFailed', (e) => e.paymentFailed?.paymentId === declined.body.id);
    expect(failed.paymentFailed).toMatchObject({ orderId, declineCode: 'card_declined', reason: 'insufficient_funds' });

    const retry = await kit.pay(alice, orderId, 'tok_mastercard');
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ status: 'SUCCEEDED', card: { brand: 'mastercard', last4: '4444' } });

    const listed = await kit.request('GET', `/payments?orderId=${orderId}`, alice);
    expect(listed.body.items.map((p: { status: string }) => p.status)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(listed.body.nextCursor).toBeNull();
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined', 'generic_decline'],
    ['tok_expiredCard', 'expired_card', 'expired_card'],
  ])('declines %s with %s', async (token, declineCode, failureReason) => {
    const orderId = await kit.awaitingPayment(alice);
    const response = await kit.pay(alice, orderId, token);
    expect(response.body).toMatchObject({ status: 'FAILED', declineCode, failureReason });
  });

  it('holds a payment for an order still waiting for stock (202) and charges it once the order awaits payment', async () => {
    const orderId = await kit.placeOrder(alice, 800);

    const early = await kit.pay(alice, orderId, 'tok_visa');
    expect(early.status).toBe(202);
    expect(early.headers.get('location')).toBe(`/payments/${early.body.id}`);
    expect(early.body).toMatchObject({ status: 'PENDING', amountCents: 800, currency: 'EUR', card: null, settledAt: null });

    await kit.orderAwaitsPayment(orderId, alice, 800);
    const charged = await kit.paymentReaches(alice, early.body.id, 'SUCCEEDED');
    expect(charged).toMatchObject({ amountCents: 800, card: { brand: 'visa', last4: '4242' } });
    await probe.waitFor('PaymentSucceeded of the held payment', (e) => e.paymentSucceeded?.paymentId === early.body.id);
  });

  it('refuses to charge an order twice', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const first = await kit.pay(alice, orderId, 'tok_visa');

    const second = await kit.pay(alice, orderId, 'tok_mastercard');

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'PAYMENTS.ORDER_NOT_PAYABLE', orderStatus: 'PAID', paymentId: first.body.id });
  });

  it("hides someone else's order and payments behind 404, but lets an admin pay and read them", async () => {
    const orderId = await kit.awaitingPayment(alice);
    const mallory = await kit.person();

    // Someone else's order and an order that does not exist answer alike: held, and nothing about the order shown.
    const foreign = await kit.pay(mallory, orderId, 'tok_visa');
    const unknown = await kit.pay(mallory, randomUUID(), 'tok_visa');
    for (const held of [foreign, unknown]) {
      expect(held.status).toBe(202);
      expect(held.body).toMatchObject({ status: 'REQUIRES_ORDER', customerId: mallory.userId, amountCents: null, currency: null });
    }
    expect(Object.keys(foreign.body).sort()).toEqual(Object.keys(unknown.body).sort());

    const admin = await kit.person('admin');
    const paid = await kit.pay(admin, orderId, 'tok_visa');
    expect(paid.status).toBe(201);
    expect(paid.body.customerId).toBe(alice.userId);
    expect((await kit.request('GET', `/payments/${paid.body.id}`, mallory)).status).toBe(404);
    expect((await kit.request('GET', `/payments/${paid.body.id}`, alice)).status).toBe(200);
    expect((await kit.request('GET', `/payments?orderId=${orderId}`, mallory)).body.items).toEqual([
      expect.objectContaining({ id: foreign.body.id, status: 'REQUIRES_ORDER' }),
    ]);
    expect((await kit.request('GET', `/payments/${foreign.body.id}`, alice)).status).toBe(404);
  });

  it('answers bad input with problem details and writes nothing', async () => {
    const orderId = await kit.awaitingPayment(alice);

    const noKey = await kit.request('POST', '/payments', alice, { body: { orderId, paymentMethod: { type: 'card', token: 'tok_visa' } } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    const unknownToken = await kit.pay(alice, orderId, 'tok_madeUp');
    expect(unknownToken.status).toBe(422);
    expect(unknownToken.body.code).toBe('PAYMENTS.INVALID_PAYMENT_METHOD');
    const badOrderId = await kit.pay(alice, 'not-a-uuid', 'tok_visa');
    expect(badOrderId.status).toBe(400);
    const wrongType = await kit.request('POST', '/payments', alice, {
      body: { orderId, paymentMethod: { type: 'iban', token: 'tok_visa' } },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(wrongType.status).toBe(400);
    const anonymous = await kit.request('POST', '/payments', undefined, {
      body: { orderId, paymentMethod: { type: 'card', token: 'tok_visa' } },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(anonymous.status).toBe(401);
    expect((await kit.request('GET', '/payments/not-a-uuid', alice)).status).toBe(404);
    expect((await kit.request('GET', '/payments?limit=0', alice)).status).toBe(400);
    expect((await kit.request('GET', '/payments?cursor=garbage', alice)).status).toBe(400);

    expect(await stack.db('payments')('payments').where({ order_id: orderId })).toHaveLength(0);
    expect((await kit.pay(alice, orderId, 'tok_visa')).status).toBe(201);
  });

  it('answers a processor timeout with 503 and later settles the payment as failed, leaving the order payable', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const key = randomUUID();

    const timedOut = await kit.pay(alice, orderId, 'tok_timeout', key);

    expect(timedOut.status).toBe(503);
    expect(timedOut.headers.get('retry-after')).toBeTruthy();
    expect(timedOut.body).toMatchObject({ code: 'PAYMENTS.PROCESSOR_TIMEOUT' });
    const { paymentId } = timedOut.body;
    expect((await kit.request('GET', `/payments/${paymentId}`, alice)).body.status).toBe('PROCESSING');

    const settled = await waitFor('the reconciler to settle the payment', async () => {
      const { body } = await kit.request('GET', `/payments/${paymentId}`, alice);
      return body.status === 'FAILED' && body;
    });
    expect(settled).toMatchObject({ declineCode: 'processor_timeout', failureReason: 'processor_timeout' });
    await probe.waitFor('PaymentFailed after timeout', (e) => e.paymentFailed?.paymentId === paymentId);
    const replay = await kit.pay(alice, orderId, 'tok_timeout', key);
    expect(replay.status).toBe(200);
    expect(replay.body.status).toBe('FAILED');

    expect((await kit.pay(alice, orderId, 'tok_visa')).body.status).toBe('SUCCEEDED');
  });

  it('keeps no card data beyond brand and last 4 digits, and the card token only while a payment is held', async () => {
    const orderId = await kit.awaitingPayment(alice);
    await kit.pay(alice, orderId, 'tok_visa');
    const held = await kit.pay(alice, randomUUID(), 'tok_mastercard');

    const db = stack.db('payments');
    expect(await db('payments').whereNotIn('status', ['REQUIRES_ORDER', 'PENDING']).whereNotNull('payment_method_token')).toEqual([]);
    expect(await db('payments').where({ id: held.body.id }).first()).toMatchObject({ payment_method_token: 'tok_mastercard' });
    for (const table of ['refunds', 'payable_orders']) {
      expect(JSON.stringify(await db(table).select())).not.toMatch(/tok_/);
    }
    const columns = await db('information_schema.columns').where({ table_schema: 'payments', table_name: 'payments' }).pluck('column_name');
    expect(columns.filter((c: string) => /token|number|cvc|pan|expir/.test(c))).toEqual(['payment_method_token']);
    expect(JSON.stringify((await kit.request('GET', `/payments/${held.body.id}`, alice)).body)).not.toMatch(/tok_/);
    const outbox = await outboxEvents(stack.db('payments'), PaymentStream);
    expect(JSON.stringify(outbox)).not.toMatch(/tok_/);
  });

  it('lists payments newest first, a page at a time', async () => {
    const bob = await kit.person();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const orderId = await kit.awaitingPayment(bob);
      ids.unshift((await kit.pay(bob, orderId, 'tok_visa')).body.id);
    }

    const first = await kit.request('GET', '/payments?limit=2', bob);
    const second = await kit.request('GET', `/payments?limit=2&cursor=${first.body.nextCursor}`, bob);

    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 2));
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
  });
});
