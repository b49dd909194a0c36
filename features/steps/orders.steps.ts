import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';

/** A product someone offered in this scenario, by its name in the story. */
export interface OfferedProduct {
  productId: string;
  priceCents: number;
}

export function productNamed(world: MartWorld, productName: string): OfferedProduct {
  const product = world.remembered.get(`product:${productName}`) as OfferedProduct | undefined;
  assert.ok(product, `nobody offers ${productName}`);
  return product;
}

export const SHIPPING_ADDRESS = { name: 'Alice Example', line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US' };

export function orderIdOf(world: MartWorld, name: string): string {
  const orderId = world.remembered.get(`${name}.orderId`);
  assert.ok(typeof orderId === 'string', `${name} has not placed an order`);
  return orderId;
}

export async function placeOrder(world: MartWorld, name: string, quantity: number, productName: string): Promise<void> {
  const { productId } = productNamed(world, productName);
  const response = await world.request('POST', '/orders', {
    as: name,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { items: [{ productId, quantity }], shippingAddress: SHIPPING_ADDRESS },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  world.remembered.set(`${name}.orderId`, response.body.id);
  world.remembered.set(`${name}.placedOrder`, response.body);
}

export async function untilOrderStatus(world: MartWorld, name: string, status: string): Promise<void> {
  const orderId = orderIdOf(world, name);
  await waitFor(`the order of ${name} to be ${status}`, async () => {
    const response = await world.request('GET', `/orders/${orderId}`, { as: name });
    return response.body?.status === status;
  });
}

When('{string} orders {int} {string}', async function (this: MartWorld, name: string, quantity: number, productName: string) {
  await placeOrder(this, name, quantity, productName);
});

Then(
  'the order of {string} is placed as PENDING with a total of {int} cents {word}',
  function (this: MartWorld, name: string, totalCents: number, currency: string) {
    const order = this.remembered.get(`${name}.placedOrder`) as { status: string; totalCents: number; currency: string };
    assert.deepEqual({ status: order.status, totalCents: order.totalCents, currency: order.currency }, { status: 'PENDING', totalCents, currency });
  },
);

When('the order of {string} awaits payment', async function (this: MartWorld, name: string) {
  await untilOrderStatus(this, name, 'AWAITING_PAYMENT');
});

Then('the order of {string} still awaits payment', async function (this: MartWorld, name: string) {
  const response = await this.request('GET', `/orders/${orderIdOf(this, name)}`, { as: name });
  assert.equal(response.body.status, 'AWAITING_PAYMENT');
});

Then('the order of {string} becomes {word}', async function (this: MartWorld, name: string, status: string) {
  await untilOrderStatus(this, name, status);
});

When('{string} cancels her/his order', async function (this: MartWorld, name: string) {
  const response = await this.request('POST', `/orders/${orderIdOf(this, name)}/cancel`, { as: name });
  assert.equal(response.status, 200, JSON.stringify(response.body));
});

When(
  '{string} sends her/his order for {int} {string} {int} times at once with the same idempotency key',
  async function (this: MartWorld, name: string, quantity: number, productName: string, times: number) {
    const { productId } = productNamed(this, productName);
    const key = randomUUID();
    const body = { items: [{ productId, quantity }], shippingAddress: SHIPPING_ADDRESS };
    const responses = await Promise.all(
      Array.from({ length: times }, () => this.request('POST', '/orders', { as: name, headers: { 'Idempotency-Key': key }, body })),
    );
    this.remembered.set(`${name}.orderResponses`, responses);
  },
);

Then('exactly one order of {string} exists and every response names it', async function (this: MartWorld, name: string) {
  const responses = this.remembered.get(`${name}.orderResponses`) as Array<{ status: number; body: { id: string } }>;
  const statuses = responses.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `one 201 Created: ${statuses.join(', ')}`);
  assert.equal(statuses.filter((s) => s === 200).length, responses.length - 1, `the rest 200: ${statuses.join(', ')}`);
  const ids = new Set(responses.map((r) => r.body.id));
  assert.equal(ids.size, 1);
  const list = await this.request('GET', '/orders', { as: name });
  assert.deepEqual(
    list.body.items.map((o: { id: string }) => o.id),
    [...ids],
  );
  this.remembered.set(`${name}.orderId`, [...ids][0]);
});
