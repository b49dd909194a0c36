import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';
import { productNamed } from './orders.steps';

const ADDRESS = { name: 'A Shopper', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

/** Codes are unique in the shop: each scenario's code gets a suffix of its own. */
function codeNamed(world: MartWorld, name: string): string {
  const code = world.remembered.get(`promotion:${name}`);
  assert.ok(typeof code === 'string', `no promotion code ${name} in this scenario`);
  return code;
}

Given(
  '{string} creates the promotion code {string} for {int} percent off, usable {int} time(s)',
  async function (this: MartWorld, admin: string, name: string, percent: number, uses: number) {
    const code = `${name}-${randomUUID().slice(0, 6)}`;
    const created = await this.request('POST', '/promotions', { as: admin, body: { code, kind: 'percentage', value: percent, usageLimit: uses } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    this.remembered.set(`promotion:${name}`, code);
  },
);

When('{string} orders {int} {string} with the code {string}', async function (this: MartWorld, name: string, quantity: number, productName: string, codeName: string) {
  const response = await this.request('POST', '/orders', {
    as: name,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { items: [{ productId: productNamed(this, productName).productId, quantity }], shippingAddress: ADDRESS, promotionCode: codeNamed(this, codeName) },
  });
  if (response.status === 201) {
    this.remembered.set(`${name}.orderId`, response.body.id);
    this.remembered.set(`${name}.placedOrder`, response.body);
  }
});

Then(
  'the order of {string} has a subtotal of {int}, a discount of {int} and a total of {int} cents',
  function (this: MartWorld, name: string, subtotal: number, discount: number, total: number) {
    const order = this.remembered.get(`${name}.placedOrder`) as { subtotalCents: number; discountCents: number; totalCents: number };
    assert.ok(order, `${name} placed no order`);
    assert.deepEqual({ subtotal: order.subtotalCents, discount: order.discountCents, total: order.totalCents }, { subtotal, discount, total });
  },
);
