import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';
import { productNamed } from './orders.steps';

const ADDRESS = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

async function cartOf(world: MartWorld, name: string) {
  const response = await world.request('GET', '/cart', { as: name });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as { lines: { productId: string; available: boolean; problem?: string }[]; totalCents: number; currency: string | null };
}

When('{string} puts {int} {string} in her/his cart', async function (this: MartWorld, name: string, quantity: number, productName: string) {
  const { productId } = productNamed(this, productName);
  const response = await this.request('PUT', `/cart/lines/${productId}`, { as: name, body: { quantity } });
  assert.equal(response.status, 200, JSON.stringify(response.body));
});

Then('the cart of {string} totals {int} cents {word} with every line available', async function (this: MartWorld, name: string, total: number, currency: string) {
  const cart = await cartOf(this, name);
  assert.equal(cart.totalCents, total);
  assert.equal(cart.currency, currency);
  assert.ok(cart.lines.every((line) => line.available), JSON.stringify(cart.lines));
});

Then('the cart of {string} soon totals {int} cents {word}', async function (this: MartWorld, name: string, total: number, currency: string) {
  const cart = await waitFor(`the cart to total ${total}`, async () => {
    const current = await cartOf(this, name);
    return current.totalCents === total && current;
  });
  assert.equal(cart.currency, currency);
});

When('{string} checks out her/his cart', async function (this: MartWorld, name: string) {
  const response = await this.request('POST', '/cart/checkout', { as: name, headers: { 'Idempotency-Key': randomUUID() }, body: { shippingAddress: ADDRESS } });
  if (response.status === 201) {
    this.remembered.set(`${name}.orderId`, response.body.id);
    this.remembered.set(`${name}.placedOrder`, response.body);
  }
});

Then('the cart of {string} is empty', async function (this: MartWorld, name: string) {
  assert.deepEqual((await cartOf(this, name)).lines, []);
});

Then('the {string} line in the cart of {string} is flagged {string}', async function (this: MartWorld, productName: string, name: string, problem: string) {
  const { productId } = productNamed(this, productName);
  const line = (await cartOf(this, name)).lines.find((l) => l.productId === productId);
  assert.ok(line, `no ${productName} in the cart`);
  assert.equal(line.available, false);
  assert.equal(line.problem, problem);
});

Then('{string} has placed no order', async function (this: MartWorld, name: string) {
  const response = await this.request('GET', '/orders', { as: name });
  assert.deepEqual(response.body.items, []);
});
