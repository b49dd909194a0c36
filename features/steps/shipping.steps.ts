import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { After, Given, Then, When } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';
import { orderIdOf, productNamed } from './orders.steps';

const ADDRESSES: Record<string, { name: string; line1: string; city: string; postalCode: string; country: string }> = {
  Berlin: { name: 'Alice Example', line1: '1 Unter den Linden', city: 'Berlin', postalCode: '10117', country: 'DE' },
  Paris: { name: 'Alice Example', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
};

/** What a scenario set up, taken away after it: other scenarios order where the shop ships nothing. */
function remember(world: MartWorld, path: string, id: string): void {
  world.remembered.set('shipping:created', [...((world.remembered.get('shipping:created') as string[] | undefined) ?? []), `${path}/${id}`]);
}

After({ tags: '@shipping' }, async function (this: MartWorld) {
  for (const resource of ((this.remembered.get('shipping:created') as string[] | undefined) ?? []).reverse()) {
    await this.request('DELETE', resource, { as: this.adminName() });
  }
});

Given('Germany taxes {int} % standard and {int} % reduced, included in the prices, shipping taxed', async function (this: MartWorld, standard: number, reduced: number) {
  const created = await this.request('POST', '/tax-regions', {
    as: this.adminName(),
    body: { country: 'DE', rates: { standard: standard * 100, reduced: reduced * 100 }, pricesIncludeTax: true, shippingTaxed: true },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  remember(this, '/tax-regions', created.body.id);
});

Given('{string} ships to Germany by {string} for {int} cents {word}, free from {int} cents', async function (
  this: MartWorld,
  admin: string,
  option: string,
  priceMinor: number,
  currency: string,
  freeAboveMinor: number,
) {
  const zone = await this.request('POST', '/shipping-zones', { as: admin, body: { name: 'Germany', countries: ['DE'] } });
  assert.equal(zone.status, 201, JSON.stringify(zone.body));
  remember(this, '/shipping-zones', zone.body.id);
  const created = await this.request('POST', '/shipping-options', { as: admin, body: { zoneId: zone.body.id, name: option, priceMinor, currency, freeAboveMinor } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  this.remembered.set(`shipping option:${option}`, created.body.id);
});

async function order(world: MartWorld, name: string, quantity: number, product: string, to: string, option?: string) {
  return world.request('POST', '/orders', {
    as: name,
    headers: { 'Idempotency-Key': randomUUID() },
    body: {
      items: [{ productId: productNamed(world, product).productId, quantity }],
      shippingAddress: ADDRESSES[to],
      ...(option ? { shippingOptionId: world.remembered.get(`shipping option:${option}`) } : {}),
    },
  });
}

When('{string} orders {int} {string} shipped to {word} by {string}', async function (this: MartWorld, name: string, quantity: number, product: string, to: string, option: string) {
  const placed = await order(this, name, quantity, product, to, option);
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  this.remembered.set(`${name}.orderId`, placed.body.id);
});

When('{string} tries to order {int} {string} shipped to {word}', async function (this: MartWorld, name: string, quantity: number, product: string, to: string) {
  await order(this, name, quantity, product, to);
});

Then('the order of {string} comes to {int} cents: {int} for the goods, {int} for shipping, {int} of tax included', async function (
  this: MartWorld,
  name: string,
  total: number,
  goods: number,
  shipping: number,
  tax: number,
) {
  const { body } = await this.request('GET', `/orders/${orderIdOf(this, name)}`, { as: name });
  assert.deepEqual(
    { total: body.totalMinor, goods: body.subtotalMinor - body.discountMinor, shipping: body.shippingMinor, tax: body.taxMinor, included: body.pricesIncludeTax },
    { total, goods, shipping, tax, included: true },
  );
});
