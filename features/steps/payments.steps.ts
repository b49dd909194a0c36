import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { OrderStream, PaymentStream } from '../../proto/streams';
import { EventProbe } from '../../test/event-probe';
import { untilHandled } from '../../test/until-handled';
import { publishUpstream } from '../../test/upstream-event';
import { parseMoney } from '../../src/money/format-money';
import type { Money } from '../../src/money/money';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';

/**
 * Orders reach the payments module as OrderStream events. These steps send them to the orders topic as the relay
 * sends the orders module's, and wait until payments has handled them; everything after that goes through the API.
 */

function customerId(world: MartWorld, name: string): string {
  const id = world.remembered.get(`${name}.userId`);
  if (typeof id !== 'string') throw new Error(`${name} is not registered`);
  return id;
}

function remembered(world: MartWorld, what: 'orderId' | 'paymentId'): string {
  const value = world.remembered.get(what);
  if (typeof value !== 'string') throw new Error(`no ${what} in this scenario yet`);
  return value;
}

async function untilPaymentsHandledOrders(world: MartWorld): Promise<void> {
  await untilHandled(world.stack.config, 'payments', [OrderStream]);
}

async function orderAwaitingPayment(world: MartWorld, name: string, total: Money, orderId: string = randomUUID()): Promise<string> {
  await publishUpstream(world.stack, OrderStream, orderId, 'orderAwaitingPayment', {
      orderId,
      customerId: customerId(world, name),
      total,
      paymentDueAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
  await untilPaymentsHandledOrders(world);
  world.remembered.set('orderId', orderId);
  return orderId;
}

async function pay(world: MartWorld, name: string, token: string) {
  const response = await world.request('POST', '/payments', {
    as: name,
    body: { orderId: remembered(world, 'orderId'), paymentMethod: { type: 'card', token } },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (response.body?.id) world.remembered.set('paymentId', response.body.id);
  return response;
}

Given('{string} has an order of {string} awaiting payment', async function (this: MartWorld, name: string, total: string) {
  await orderAwaitingPayment(this, name, parseMoney(total));
});

Given('{string} has placed an order of {string} that is not yet confirmed', async function (this: MartWorld, name: string, total: string) {
  const orderId = randomUUID();
  const { amountMinor, currency } = parseMoney(total);
  await publishUpstream(this.stack, OrderStream, orderId, 'orderPlaced', {
      orderId,
      customerId: customerId(this, name),
      lines: [],
      total: { amountMinor, currency },
    });
  await untilPaymentsHandledOrders(this);
  this.remembered.set('orderId', orderId);
  this.remembered.set('orderTotal', total);
});

Then('the payment is held as {string}', function (this: MartWorld, status: string) {
  assert.equal(this.response?.body?.status, status, JSON.stringify(this.response?.body));
  assert.equal(this.response?.headers.get('location'), `/payments/${this.response?.body?.id}`);
});

When('the order of {string} is confirmed', async function (this: MartWorld, name: string) {
  await orderAwaitingPayment(this, name, parseMoney(this.remembered.get('orderTotal') as string), remembered(this, 'orderId'));
  const paymentId = remembered(this, 'paymentId');
  await waitFor('the held payment to be charged', async () => {
    const response = await this.request('GET', `/payments/${paymentId}`, { as: name });
    this.response = response;
    return !['REQUIRES_ORDER', 'PENDING', 'PROCESSING'].includes(response.body?.status);
  });
});

Given('{string} has paid an order of {string} with the card {string}', async function (this: MartWorld, name: string, total: string, token: string) {
  await orderAwaitingPayment(this, name, parseMoney(total));
  const response = await pay(this, name, token);
  assert.equal(response.body?.status, 'SUCCEEDED', JSON.stringify(response.body));
});

When('{string} pays the order with the card {string}', async function (this: MartWorld, name: string, token: string) {
  await pay(this, name, token);
});

When('{string} refunds {string} of the payment', async function (this: MartWorld, name: string, amount: string) {
  await this.request('POST', `/payments/${remembered(this, 'paymentId')}/refunds`, {
    as: name,
    body: { amountMinor: parseMoney(amount).amountMinor },
  });
});

Then(
  'the payment succeeded for {string} with a {string} card ending in {string}',
  function (this: MartWorld, total: string, brand: string, last4: string) {
    const { amountMinor, currency } = parseMoney(total);
    assert.deepEqual(
      { status: this.response?.body?.status, amountMinor: this.response?.body?.amountMinor, currency: this.response?.body?.currency },
      { status: 'SUCCEEDED', amountMinor, currency },
    );
    assert.deepEqual(this.response?.body?.card, { brand, last4 });
  },
);

Then('the payment failed with the decline code {string}', function (this: MartWorld, declineCode: string) {
  assert.equal(this.response?.body?.status, 'FAILED');
  assert.equal(this.response?.body?.declineCode, declineCode);
});

Then("the payment's success is published for the order", async function (this: MartWorld) {
  const orderId = remembered(this, 'orderId');
  const probe = await EventProbe.start(this.stack.config, PaymentStream);
  try {
    await probe.waitFor('PaymentSucceeded to be published', (event) => event.aggregateId === orderId && Boolean(event.paymentSucceeded));
  } finally {
    await probe.stop();
  }
});

Then(
  '{string} sees {int} payments for the order, the latest {string}',
  async function (this: MartWorld, name: string, count: number, status: string) {
    const { body } = await this.request('GET', `/payments?orderId=${remembered(this, 'orderId')}`, { as: name });
    assert.equal(body.items.length, count, JSON.stringify(body));
    assert.equal(body.items[0].status, status);
  },
);

Then(
  '{string} sees {string} of {string} refunded on the payment',
  async function (this: MartWorld, name: string, refunded: string, captured: string) {
    const { body } = await this.request('GET', `/payments/${remembered(this, 'paymentId')}`, { as: name });
    assert.equal(body.refundedMinor, parseMoney(refunded).amountMinor, JSON.stringify(body));
    assert.equal(body.amountMinor, parseMoney(captured).amountMinor);
  },
);
