import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { After, Given, Then } from '@cucumber/cucumber';
import { Webhook } from 'standardwebhooks';
import { WebhookReceiver } from '../../test/webhook-receiver';
import type { MartWorld } from '../support/world';
import { orderIdOf } from './orders.steps';

const receivers = new WeakMap<MartWorld, { receiver: WebhookReceiver; endpointId: string; secret: string; admin: string }>();

function erpOf(world: MartWorld) {
  const erp = receivers.get(world);
  if (!erp) throw new Error('no ERP was registered in this scenario');
  return erp;
}

Given('an ERP that fails its first request has {string} register it for {string} webhooks', async function (this: MartWorld, admin: string, eventType: string) {
  const receiver = await WebhookReceiver.start('/erp/mart-events');
  let failed = false;
  receiver.answer = () => {
    if (failed) return { status: 200 };
    failed = true;
    return { status: 503 };
  };
  const registered = await this.request('POST', '/webhook-endpoints', { as: admin, body: { url: receiver.url, eventTypes: [eventType], description: 'ERP order import' } });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  receivers.set(this, { receiver, endpointId: registered.body.endpoint.id as string, secret: registered.body.secret as string, admin });
});

Then('the ERP receives the paid order of {string} once, signed with its secret', async function (this: MartWorld, name: string) {
  const { receiver, secret } = erpOf(this);
  const orderId = orderIdOf(this, name);
  const [delivered] = await receiver.waitForDelivered('the paid order', 1, (r) => r.json.aggregateId === orderId);
  assert.equal(delivered.json.type, 'orders.OrderPaid');
  assert.equal(delivered.json.data.orderId, orderId);
  new Webhook(secret).verify(delivered.body, {
    'webhook-id': String(delivered.headers['webhook-id']),
    'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
    'webhook-signature': String(delivered.headers['webhook-signature']),
  });
  await sleep(1000);
  assert.equal(receiver.delivered.filter((r) => r.json.aggregateId === orderId).length, 1);
});

Then('the delivery log of the ERP shows the paid order delivered after {int} attempts', async function (this: MartWorld, attempts: number) {
  const { endpointId, admin } = erpOf(this);
  const log = await this.request('GET', `/webhook-endpoints/${endpointId}/deliveries?status=SUCCEEDED`, { as: admin });
  assert.equal(log.status, 200);
  const items = log.body.items as Array<{ attempts: number; lastStatusCode: number; eventType: string }>;
  assert.equal(items.length, 1);
  assert.deepEqual({ attempts: items[0].attempts, lastStatusCode: items[0].lastStatusCode, eventType: items[0].eventType }, { attempts, lastStatusCode: 200, eventType: 'orders.OrderPaid' });
});

After(async function (this: MartWorld) {
  await receivers.get(this)?.receiver.stop();
});
