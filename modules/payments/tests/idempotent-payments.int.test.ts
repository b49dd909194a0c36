import { randomUUID } from 'node:crypto';
import { PaymentStream } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { PaymentsTestKit, type Person } from './payments-test-kit';

describe('paying is idempotent and charges an order at most once', () => {
  let stack: TestStack;
  let kit: PaymentsTestKit;
  let alice: Person;

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['payments'], relay: true });
    kit = new PaymentsTestKit(stack);
    alice = await kit.person();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const paymentsOf = (orderId: string) => stack.db('payments')('payments').where({ order_id: orderId });
  const eventsOf = async (orderId: string) =>
    (await outboxEvents(stack.db('payments'), PaymentStream)).filter((e) => e.aggregateId === orderId);

  it('answers a repeated request with the same payment: 201, then 200', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const key = randomUUID();

    const first = await kit.pay(alice, orderId, 'tok_visa', key);
    const again = await kit.pay(alice, orderId, 'tok_visa', key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await paymentsOf(orderId)).toHaveLength(1);
  });

  it('replays a declined payment too, rather than charging again', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const key = randomUUID();
    const first = await kit.pay(alice, orderId, 'tok_chargeDeclined', key);
    const again = await kit.pay(alice, orderId, 'tok_chargeDeclined', key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await eventsOf(orderId)).map((e) => e.event)).toEqual(['paymentFailed']);
  });

  it('refuses the same key with a different body with 422', async () => {
    const orderId = await kit.awaitingPayment(alice);
    const otherOrderId = await kit.awaitingPayment(alice);
    const key = randomUUID();
    await kit.pay(alice, orderId, 'tok_chargeDeclined', key);

    const otherCard = await kit.pay(alice, orderId, 'tok_visa', key);
    const otherOrder = await kit.pay(alice, otherOrderId, 'tok_chargeDeclined', key);

    expect(otherCard.status).toBe(422);
    expect(otherCard.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
    expect(otherOrder.status).toBe(422);
    expect(await paymentsOf(orderId)).toHaveLength(1);
    expect(await paymentsOf(otherOrderId)).toHaveLength(0);
  });

  it('scopes keys to the caller, so two customers choosing the same key do not collide', async () => {
    const bob = await kit.person();
    const key = `checkout-${randomUUID()}`;
    const aliceOrder = await kit.awaitingPayment(alice);
    const bobOrder = await kit.awaitingPayment(bob);

    expect((await kit.pay(alice, aliceOrder, 'tok_visa', key)).status).toBe(201);
    expect((await kit.pay(bob, bobOrder, 'tok_visa', key)).status).toBe(201);
  });

  it('charges once when the same request arrives 20 times at once', async () => {
    const orderId = await kit.awaitingPayment(alice, 2599);
    const key = randomUUID();

    const responses = await Promise.all(Array.from({ length: 20 }, () => kit.pay(alice, orderId, 'tok_visa', key)));

    expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.every((r) => r.body.status === 'SUCCEEDED')).toBe(true);
    expect(await paymentsOf(orderId)).toHaveLength(1);
    expect((await eventsOf(orderId)).map((e) => e.event)).toEqual(['paymentSucceeded']);
  });

  it('lets only one of two different keys charge the same order', async () => {
    const orderId = await kit.awaitingPayment(alice);

    const responses = await Promise.all(Array.from({ length: 5 }, () => kit.pay(alice, orderId, 'tok_visa', randomUUID())));

    const succeeded = responses.filter((r) => r.status === 201);
    expect(succeeded).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(4);
    expect(
      responses.filter((r) => r.status === 409).every((r) => ['PAYMENTS.PAYMENT_IN_PROGRESS', 'PAYMENTS.ORDER_NOT_PAYABLE'].includes(r.body.code)),
    ).toBe(true);
    expect(await paymentsOf(orderId)).toHaveLength(1);
    expect((await eventsOf(orderId)).map((e) => e.event)).toEqual(['paymentSucceeded']);
  });
});
