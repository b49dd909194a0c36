import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';

function productIdOf(world: MartWorld, productName: string): string {
  const product = world.remembered.get(`product:${productName}`) as { productId: string } | undefined;
  assert.ok(product, `"${productName}" was not added in this scenario`);
  return product.productId;
}

async function adjust(world: MartWorld, admin: string, productName: string, delta: number, reason: string): Promise<void> {
  await world.request('POST', `/inventory/${productIdOf(world, productName)}/adjustments`, { as: admin, body: { delta, reason } });
}

Given('{string} has added {string} to the catalogue', async function (this: MartWorld, admin: string, productName: string) {
  const priceCents = 199;
  const created = await this.request('POST', '/products', {
    as: admin,
    body: { sku: `INV-${randomUUID().slice(0, 12)}`, name: productName, description: '', priceMinor: priceCents, currency: 'EUR', category: 'Dairy' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const productId = created.body.id as string;
  // The same shape the ordering steps read, so "<customer> orders <n> <product>" finds it.
  this.remembered.set(`product:${productName}`, { productId, priceCents });
  await waitFor(`inventory to keep stock of ${productName}`, async () => (await this.request('GET', `/inventory/${productId}`)).status === 200);
});

When('{string} restocks {int} {string}', async function (this: MartWorld, admin: string, quantity: number, productName: string) {
  await adjust(this, admin, productName, quantity, 'restock');
});

When('{string} writes off {int} {string} as damaged', async function (this: MartWorld, admin: string, quantity: number, productName: string) {
  await adjust(this, admin, productName, -quantity, 'damage');
});

Then('{string} shows {int} on hand and {int} available', async function (this: MartWorld, productName: string, onHand: number, available: number) {
  const productId = productIdOf(this, productName);
  const level = await waitFor(`${onHand} on hand and ${available} available`, async () => {
    const body = (await this.request('GET', `/inventory/${productId}/level`, { as: this.adminName() })).body as {
      productId: string;
      onHand: number;
      available: number;
    };
    return body.onHand === onHand && body.available === available ? body : undefined;
  });
  assert.equal(level.productId, productId);
});

Then('anyone sees {string} as {string}, without stock counts', async function (this: MartWorld, productName: string, availability: string) {
  const productId = productIdOf(this, productName);
  const seen = await waitFor(`${productName} ${availability}`, async () => {
    const response = await this.request('GET', `/inventory/${productId}`);
    return response.body?.availability === availability ? response.body : undefined;
  });
  assert.deepEqual(Object.keys(seen).sort(), ['availability', 'productId', 'variantId']);
});

Then('{string} sees a restock of {int} {string} in the stock history', async function (this: MartWorld, admin: string, quantity: number, productName: string) {
  const response = await this.request('GET', `/inventory/${productIdOf(this, productName)}/adjustments`, { as: admin });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const oldest = response.body.items.at(-1);
  assert.deepEqual({ delta: oldest.delta, reason: oldest.reason }, { delta: quantity, reason: 'restock' });
});
