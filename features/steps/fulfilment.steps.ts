import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';
import { pay } from './checkout.steps';
import { orderIdOf, untilOrderStatus } from './orders.steps';
import { orderVariant, variantOf, warehouseOf } from './variants.steps';

Given('{string} has paid for {int} {string} in {string}', async function (this: MartWorld, name: string, quantity: number, product: string, combination: string) {
  await orderVariant(this, name, quantity, product, combination);
  await untilOrderStatus(this, name, 'AWAITING_PAYMENT');
  await pay(this, name, 'tok_visa');
  await untilOrderStatus(this, name, 'PAID');
});

When(
  '{string} ships {int} {string} in {string} from {string} by {string} with the tracking number {string}',
  async function (this: MartWorld, admin: string, quantity: number, product: string, combination: string, warehouse: string, carrier: string, trackingNumber: string) {
    const orderId = orderIdOf(this, this.remembered.get('payer') as string);
    const created = await this.request('POST', `/orders/${orderId}/fulfilments`, {
      as: admin,
      body: { locationId: warehouseOf(this, warehouse), lines: [{ variantId: variantOf(this, product, combination), quantity }] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const shipped = await this.request('POST', `/fulfilments/${created.body.id}/ship`, { as: admin, body: { carrier, trackingNumber } });
    assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
  },
);

Then('the order of {string} is {word} with {int} of {int} shipped', async function (this: MartWorld, name: string, status: string, shipped: number, ordered: number) {
  const { body } = await this.request('GET', `/orders/${orderIdOf(this, name)}`, { as: name });
  assert.equal(body.status, status);
  assert.deepEqual({ shipped: body.lines[0].shipped, ordered: body.lines[0].ordered }, { shipped, ordered });
});

Then('{string} is emailed that a parcel is on its way with the tracking number {string}', async function (this: MartWorld, name: string, trackingNumber: string) {
  const email = this.remembered.get(`${name}.email`) as string;
  const subject = `Your order #${orderIdOf(this, name).slice(0, 8).toUpperCase()} is on its way`;
  await this.smtp.waitForMessage(`the parcel ${trackingNumber}`, (m) => m.to.includes(email) && m.subject === subject && m.text.includes(trackingNumber));
});

Then('{string} in {string} has {int} on hand at {string} and {int} on hand at {string}', async function (
  this: MartWorld,
  product: string,
  combination: string,
  first: number,
  firstWarehouse: string,
  second: number,
  secondWarehouse: string,
) {
  const onHandAt = async () => {
    const { body } = await this.request('GET', `/inventory/${variantOf(this, product, combination)}/level`, { as: this.adminName() });
    const at = (warehouse: string) => (body.locations as Array<{ locationId: string; onHand: number }>).find((l) => l.locationId === warehouseOf(this, warehouse))?.onHand ?? 0;
    return [at(firstWarehouse), at(secondWarehouse)];
  };
  // Stock moves when inventory hears of the shipment or the return: moments after the API answered.
  await waitFor(`${first} on hand at ${firstWarehouse} and ${second} at ${secondWarehouse}`, async () => (await onHandAt()).join() === [first, second].join());
});

async function shipAll(world: MartWorld, admin: string, name: string): Promise<string> {
  const orderId = orderIdOf(world, name);
  const shipped = await world.request('POST', `/orders/${orderId}/ship`, { as: admin, body: { trackingNumber: `T-${randomUUID().slice(0, 6)}` } });
  assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
  return orderId;
}

When('{string} ships the order of {string}', async function (this: MartWorld, admin: string, name: string) {
  await shipAll(this, admin, name);
});

Given('{string} has shipped and delivered the order of {string}', async function (this: MartWorld, admin: string, name: string) {
  const orderId = await shipAll(this, admin, name);
  const delivered = await this.request('POST', `/orders/${orderId}/deliver`, { as: admin });
  assert.equal(delivered.status, 200, JSON.stringify(delivered.body));
});

When('{string} asks to return {int} {string} in {string} because {string}', async function (
  this: MartWorld,
  name: string,
  quantity: number,
  product: string,
  combination: string,
  reason: string,
) {
  const asked = await this.request('POST', `/orders/${orderIdOf(this, name)}/returns`, {
    as: name,
    body: { lines: [{ variantId: variantOf(this, product, combination), quantity, reason }] },
  });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  this.remembered.set(`${name}.returnId`, asked.body.id);
  this.remembered.set('returner', name);
});

function returnIdOf(world: MartWorld, name = world.remembered.get('returner') as string): string {
  const id = world.remembered.get(`${name}.returnId`);
  assert.ok(typeof id === 'string', `${name} has asked for no return`);
  return id;
}

When('{string} approves the return', async function (this: MartWorld, admin: string) {
  const approved = await this.request('POST', `/returns/${returnIdOf(this)}/approve`, { as: admin });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
});

When('{string} receives the returned {string} in {string} back on the shelf at {string}', async function (
  this: MartWorld,
  admin: string,
  product: string,
  combination: string,
  warehouse: string,
) {
  const received = await this.request('POST', `/returns/${returnIdOf(this)}/receive`, {
    as: admin,
    body: { lines: [{ variantId: variantOf(this, product, combination), restock: [{ locationId: warehouseOf(this, warehouse), quantity: 1 }], damaged: 0 }] },
  });
  assert.equal(received.status, 200, JSON.stringify(received.body));
});

Then('the return of {string} is refunded {int} cents', async function (this: MartWorld, name: string, cents: number) {
  const refunded = await waitFor('the return to be refunded', async () => {
    const { body } = await this.request('GET', `/returns/${returnIdOf(this, name)}`, { as: name });
    return body.status === 'REFUNDED' && body;
  });
  assert.equal(refunded.refundedMinor, cents);
  const { body } = await this.request('GET', `/payments?orderId=${orderIdOf(this, name)}`, { as: name });
  assert.equal(body.items[0].refundedCents, cents);
});

Then('{string} is emailed that her/his returned items arrived', async function (this: MartWorld, name: string) {
  const email = this.remembered.get(`${name}.email`) as string;
  const subject = `We received your returned items (order #${orderIdOf(this, name).slice(0, 8).toUpperCase()})`;
  await this.smtp.waitForMessage('the return receipt', (m) => m.to.includes(email) && m.subject === subject);
});
