import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { HttpResult, MartWorld } from '../support/world';
import { orderIdOf, placeOrder, productNamed, untilOrderStatus } from './orders.steps';

export async function pay(world: MartWorld, name: string, token: string, idempotencyKey = randomUUID()): Promise<HttpResult> {
  const orderId = orderIdOf(world, name);
  world.remembered.set('payer', name);
  return waitFor(`payments to take the payment for the order of ${name}`, async () => {
    const response = await world.request('POST', '/payments', {
      as: name,
      headers: { 'Idempotency-Key': idempotencyKey },
      body: { orderId, paymentMethod: { type: 'card', token } },
    });
    if (response.status >= 300) throw new Error(`POST /payments answered ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  });
}

async function stockOf(world: MartWorld, productName: string): Promise<{ onHand: number; available: number }> {
  const response = await world.request('GET', `/inventory/${productNamed(world, productName).productId}/level`, { as: world.adminName() });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

Given(
  '{string} offers {string} at {int} cents {word} with {int} in stock',
  async function (this: MartWorld, admin: string, productName: string, priceCents: number, currency: string, onHand: number) {
    const created = await this.request('POST', '/products', {
      as: admin,
      body: {
        sku: `CHK-${randomUUID().slice(0, 8)}`,
        name: productName,
        description: `${productName}, freshly stocked`,
        priceCents,
        currency,
        category: 'Checkout',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const productId = created.body.id as string;
    this.remembered.set(`product:${productName}`, { productId, priceCents });
    // So that the catalogue's steps (e.g. a price change) can act on it too.
    this.remembered.set(`catalog:product:${productName}`, { id: productId, name: productName });
    await waitFor(`inventory to stock ${productName}`, async () => {
      const adjusted = await this.request('POST', `/inventory/${productId}/adjustments`, {
        as: admin,
        headers: { 'Idempotency-Key': `restock-${productId}` },
        body: { delta: onHand, reason: 'restock' },
      });
      return adjusted.status < 300;
    });
    // Orders prices and stocks the cart from its own copies, filled from events: the admin's own cart shows when
    // both have arrived (a line of one unit that can be bought), and is emptied again.
    await waitFor(`orders to sell ${productName}`, async () => {
      const put = await this.request('PUT', `/cart/lines/${productId}`, { as: admin, body: { quantity: 1 } });
      return put.status === 200 && put.body.lines.some((line: { productId: string; available: boolean }) => line.productId === productId && line.available);
    });
    assert.equal((await this.request('DELETE', `/cart/lines/${productId}`, { as: admin })).status, 200);
  },
);

When('{string} browses the catalogue', async function (this: MartWorld, _name: string) {
  await this.request('GET', '/products?limit=100');
});

Then('she/he finds {string} at {int} cents {word}', function (this: MartWorld, productName: string, priceCents: number, currency: string) {
  const { productId } = productNamed(this, productName);
  const listed = (this.response?.body?.items ?? []).find((p: { id: string }) => p.id === productId);
  assert.ok(listed, `${productName} is not listed`);
  assert.deepEqual({ name: listed.name, priceCents: listed.priceCents, currency: listed.currency }, { name: productName, priceCents, currency });
});

When('{string} pays for her/his order with the card {string}', async function (this: MartWorld, name: string, token: string) {
  await pay(this, name, token);
});

When('{string} pays for her/his order with the card {string} at once', async function (this: MartWorld, name: string, token: string) {
  await pay(this, name, token);
});

Then('the payment is accepted', function (this: MartWorld) {
  // 201 when the order already awaited payment, 202 while it is held until the order can be charged.
  assert.ok([201, 202].includes(this.response?.status ?? 0), JSON.stringify(this.response?.body));
  assert.ok(['REQUIRES_ORDER', 'PENDING', 'PROCESSING', 'SUCCEEDED'].includes(this.response?.body?.status), JSON.stringify(this.response?.body));
});

async function theOnlyPaymentOfTheOrder(world: MartWorld, name: string, settled: (payment: { status: string }) => boolean) {
  const orderId = orderIdOf(world, name);
  return waitFor(`the payment for the order of ${name} to settle`, async () => {
    const { body } = await world.request('GET', `/payments?orderId=${orderId}`, { as: name });
    return body?.items?.length === 1 && settled(body.items[0]) && body.items[0];
  });
}

Then(
  'the payment for the order of {string} succeeded for {int} cents {word}',
  async function (this: MartWorld, name: string, amountCents: number, currency: string) {
    const payment = await theOnlyPaymentOfTheOrder(this, name, (p) => p.status === 'SUCCEEDED');
    assert.deepEqual({ amountCents: payment.amountCents, currency: payment.currency }, { amountCents, currency });
  },
);

Then('the payment for the order of {string} ends uncharged because {string}', async function (this: MartWorld, name: string, reason: string) {
  const payment = await theOnlyPaymentOfTheOrder(this, name, (p) => p.status === 'CANCELLED');
  assert.deepEqual({ reason: payment.cancellationReason, card: payment.card, refunds: payment.refunds }, { reason, card: null, refunds: [] });
});

/**
 * The payment the last request made, once settled: a payment the module could not charge at once (the order's
 * awaiting payment had not reached it yet) answers 202 and is charged moments later, as a client reading it sees.
 */
async function settledPayment(world: MartWorld, name: string): Promise<{ status: string }> {
  const answered = world.response?.body as { id?: string; status?: string } | undefined;
  assert.ok(answered?.id, JSON.stringify(answered));
  return waitFor(`payment ${answered.id} to settle`, async () => {
    const { body } = await world.request('GET', `/payments/${answered.id}`, { as: name });
    return !['REQUIRES_ORDER', 'PENDING', 'PROCESSING'].includes(body?.status) && body;
  });
}

Then('the payment succeeds', async function (this: MartWorld) {
  const payment = await settledPayment(this, this.remembered.get('payer') as string);
  assert.equal(payment.status, 'SUCCEEDED', JSON.stringify(payment));
});

Then('the payment is declined', async function (this: MartWorld) {
  const payment = await settledPayment(this, this.remembered.get('payer') as string);
  assert.equal(payment.status, 'FAILED', JSON.stringify(payment));
});

Then('{int} {string} are on hand', async function (this: MartWorld, onHand: number, productName: string) {
  await waitFor(`${onHand} ${productName} on hand`, async () => (await stockOf(this, productName)).onHand === onHand);
});

Then('{int} {string} are available', async function (this: MartWorld, available: number, productName: string) {
  await waitFor(`${available} ${productName} available`, async () => (await stockOf(this, productName)).available === available);
});

Given('{string} has ordered and paid for {int} {string}', async function (this: MartWorld, name: string, quantity: number, productName: string) {
  await placeOrder(this, name, quantity, productName);
  await untilOrderStatus(this, name, 'AWAITING_PAYMENT');
  await pay(this, name, 'tok_visa');
  await untilOrderStatus(this, name, 'PAID');
});

Then('the payment for the order of {string} is refunded in full', async function (this: MartWorld, name: string) {
  const orderId = orderIdOf(this, name);
  await waitFor(`a full refund for the order of ${name}`, async () => {
    const payments = await this.request('GET', `/payments?orderId=${orderId}`, { as: name });
    const [payment] = payments.body.items ?? [];
    return payment?.status === 'REFUNDED' && payment.refundedCents === payment.amountCents && payment.refunds.length > 0;
  });
});

When(
  '{string} sends her/his payment with the card {string} {int} times at once with the same idempotency key',
  async function (this: MartWorld, name: string, token: string, times: number) {
    const key = randomUUID();
    await Promise.all(Array.from({ length: times }, () => pay(this, name, token, key)));
  },
);

Then('the order of {string} was charged exactly once', async function (this: MartWorld, name: string) {
  const payments = await this.request('GET', `/payments?orderId=${orderIdOf(this, name)}`, { as: name });
  assert.equal(payments.body.items.length, 1, JSON.stringify(payments.body));
  assert.equal(payments.body.items[0].status, 'SUCCEEDED');
});
