import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';
import { SHIPPING_ADDRESS, orderIdOf } from './orders.steps';


/** The id of a product's variant by its size and colour ("M, Red"), as the admin created it in this scenario. */
export function variantOf(world: MartWorld, product: string, combination: string): string {
  const id = world.remembered.get(`variant:${product}:${combination.replace(/\s+/g, '')}`);
  assert.ok(typeof id === 'string', `no variant ${combination} of ${product}`);
  return id;
}

export function warehouseOf(world: MartWorld, name: string): string {
  const id = world.remembered.get(`warehouse:${name}`);
  assert.ok(typeof id === 'string', `no warehouse ${name}`);
  return id;
}

Given(
  '{string} sells a {string} in sizes {string} and colours {string} at {int} cents {word}',
  async function (this: MartWorld, admin: string, product: string, sizes: string, colours: string, priceMinor: number, currency: string) {
    const sku = `TEE-${randomUUID().slice(0, 8)}`;
    const created = await this.request('POST', '/products', {
      as: admin,
      body: { sku, name: product, description: 'Cotton', priceMinor, currency, category: 'Apparel' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const productId = created.body.id as string;
    const [sizeValues, colourValues] = [sizes, colours].map((list) => list.split(',').map((value) => value.trim()));
    for (const [name, values] of [['Size', sizeValues], ['Colour', colourValues]] as const) {
      const added = await this.request('POST', `/products/${productId}/options`, { as: admin, body: { name, values: values.map((value) => ({ value })) } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
    }
    // The product's own variant took the first size and colour; the others are added.
    this.remembered.set(`variant:${product}:${sizeValues[0]},${colourValues[0]}`, productId);
    for (const size of sizeValues) {
      for (const colour of colourValues) {
        if (size === sizeValues[0] && colour === colourValues[0]) continue;
        const variant = await this.request('POST', `/products/${productId}/variants`, {
          as: admin,
          body: { sku: `${sku}-${size}-${colour}`.toUpperCase(), options: { Size: size, Colour: colour }, priceMinor },
        });
        assert.equal(variant.status, 201, JSON.stringify(variant.body));
        this.remembered.set(`variant:${product}:${size},${colour}`, variant.body.id);
      }
    }
    this.remembered.set(`product:${product}`, { productId, priceCents: priceMinor });
  },
);

Given('a warehouse {string} with priority {int} and a warehouse {string} with priority {int}', async function (
  this: MartWorld,
  first: string,
  firstPriority: number,
  second: string,
  secondPriority: number,
) {
  for (const [name, priority] of [[first, firstPriority], [second, secondPriority]] as const) {
    const created = await this.request('POST', '/stock-locations', {
      as: this.adminName(),
      body: { code: `${name}-${randomUUID().slice(0, 8)}`, name: `Warehouse ${name}`, country: 'DE', priority },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    this.remembered.set(`warehouse:${name}`, created.body.id);
  }
});

async function stock(world: MartWorld, admin: string, quantity: number, product: string, combination: string, locationId?: string): Promise<void> {
  const variantId = variantOf(world, product, combination);
  await waitFor(`inventory to stock ${product} ${combination}`, async () => {
    const response = await world.request('POST', `/inventory/${variantId}/adjustments`, { as: admin, body: { delta: quantity, reason: 'restock', locationId } });
    return response.status === 201;
  });
}

Given('{string} stocks {int} {string} in {string} at the default warehouse', async function (this: MartWorld, admin: string, quantity: number, product: string, combination: string) {
  await stock(this, admin, quantity, product, combination);
});

Given('{string} stocks {int} {string} in {string} at the {string} warehouse', async function (
  this: MartWorld,
  admin: string,
  quantity: number,
  product: string,
  combination: string,
  warehouse: string,
) {
  await stock(this, admin, quantity, product, combination, warehouseOf(this, warehouse));
});

async function order(world: MartWorld, name: string, quantity: number, product: string, combination: string) {
  return world.request('POST', '/orders', {
    as: name,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { items: [{ variantId: variantOf(world, product, combination), quantity }], shippingAddress: SHIPPING_ADDRESS },
  });
}

/** Places an order of a variant, once the orders module sells it (a variant just created may not have reached it yet). */
export async function orderVariant(world: MartWorld, name: string, quantity: number, product: string, combination: string): Promise<void> {
  const response = await waitFor(`orders to sell ${product} ${combination}`, async () => {
    const placed = await order(world, name, quantity, product, combination);
    return placed.status === 422 && placed.body.code === 'ORDERS.UNKNOWN_PRODUCT' ? undefined : placed;
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  world.remembered.set(`${name}.orderId`, response.body.id);
  world.remembered.set(`${name}.placedOrder`, response.body);
}

When('{string} orders {int} {string} in {string}', async function (this: MartWorld, name: string, quantity: number, product: string, combination: string) {
  await orderVariant(this, name, quantity, product, combination);
});

When('{string} tries to order {int} {string} in {string}', async function (this: MartWorld, name: string, quantity: number, product: string, combination: string) {
  await order(this, name, quantity, product, combination);
});

Then('the order of {string} has one line of {string} in Size {string} and Colour {string}', async function (
  this: MartWorld,
  name: string,
  product: string,
  size: string,
  colour: string,
) {
  const { body } = await this.request('GET', `/orders/${orderIdOf(this, name)}`, { as: name });
  assert.equal(body.lines.length, 1);
  assert.equal(body.lines[0].name, product);
  assert.equal(body.lines[0].variantId, variantOf(this, product, `${size}, ${colour}`));
  assert.deepEqual(body.lines[0].options, [
    { option: 'Size', value: size },
    { option: 'Colour', value: colour },
  ]);
});

Then('{string} receives an order confirmation listing {string}', async function (this: MartWorld, name: string, line: string) {
  const email = this.remembered.get(`${name}.email`) as string;
  const orderId = orderIdOf(this, name);
  const subject = `Order #${orderId.slice(0, 8).toUpperCase()} confirmed`;
  const mail = await this.smtp.waitForMessage(`the confirmation of ${orderId}`, (m) => m.to.includes(email) && m.subject === subject);
  assert.ok(mail.text.includes(line), mail.text);
});

Then('{string} in {string} has {int} of {int} reserved at {string} and {int} of {int} reserved at {string}', async function (
  this: MartWorld,
  product: string,
  combination: string,
  firstReserved: number,
  firstOnHand: number,
  first: string,
  secondReserved: number,
  secondOnHand: number,
  second: string,
) {
  const { body } = await this.request('GET', `/inventory/${variantOf(this, product, combination)}/level`, { as: this.adminName() });
  const at = (warehouse: string) => {
    const level = (body.locations as Array<{ locationId: string; onHand: number; reserved: number }>).find((l) => l.locationId === warehouseOf(this, warehouse));
    assert.ok(level, `nothing kept at ${warehouse}`);
    return { onHand: level.onHand, reserved: level.reserved };
  };
  assert.deepEqual(at(first), { onHand: firstOnHand, reserved: firstReserved });
  assert.deepEqual(at(second), { onHand: secondOnHand, reserved: secondReserved });
});

Given('{string} puts {int} {string} in {string} in her/his cart', async function (this: MartWorld, name: string, quantity: number, product: string, combination: string) {
  const variantId = variantOf(this, product, combination);
  await waitFor(`the cart to take ${product} ${combination}`, async () => (await this.request('PUT', `/cart/lines/${variantId}`, { as: name, body: { quantity } })).status === 200);
});

When('{string} archives the {string} in {string}', async function (this: MartWorld, admin: string, product: string, combination: string) {
  const { productId } = this.remembered.get(`product:${product}`) as { productId: string };
  const response = await this.request('DELETE', `/products/${productId}/variants/${variantOf(this, product, combination)}`, { as: admin });
  assert.equal(response.status, 204, JSON.stringify(response.body));
});

Then('the {string} in {string} is flagged {string} in the cart of {string}', async function (this: MartWorld, product: string, combination: string, problem: string, name: string) {
  const variantId = variantOf(this, product, combination);
  await waitFor(`the cart line to be flagged ${problem}`, async () => {
    const { body } = await this.request('GET', '/cart', { as: name });
    return (body.lines as Array<{ variantId: string; problem?: string }>).some((line) => line.variantId === variantId && line.problem === problem);
  });
});
