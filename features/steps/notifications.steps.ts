import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { OrderStream } from '../../proto/streams';
import { publishUpstream } from '../../test/upstream-event';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';

function emailOf(world: MartWorld, name: string): string {
  const email = world.remembered.get(`${name}.email`);
  assert.ok(typeof email === 'string', `no email remembered for ${name}`);
  return email;
}

Then('{string} receives an email with the subject {string}', async function (this: MartWorld, name: string, subject: string) {
  const email = emailOf(this, name);
  await this.smtp.waitForMessage(`"${subject}" to ${email}`, (m) => m.to.includes(email) && m.subject === subject);
});

// The orders and payments flow is driven by the OrderPaid event the orders module publishes once paid.
When(
  'an order of {string} totalling {float} {word} is paid',
  async function (this: MartWorld, name: string, amount: number, currency: string) {
    const customerId = this.remembered.get(`${name}.userId`) as string;
    const orderId = randomUUID();
    const total = { amountMinor: Math.round(amount * 100), currency };
    await publishUpstream(this.stack, OrderStream, orderId, 'orderPaid', {
        orderId,
        customerId,
        paymentId: randomUUID(),
        total,
        lines: [{ productId: randomUUID(), sku: 'ESP-1', name: 'Espresso machine', quantity: 1, unitPrice: total, lineTotal: total }],
      });
    this.remembered.set(`${name}.orderId`, orderId);
  },
);

Then('{string} receives an order confirmation showing the total {string}', async function (this: MartWorld, name: string, total: string) {
  const email = emailOf(this, name);
  const orderId = this.remembered.get(`${name}.orderId`) as string;
  const subject = `Order #${orderId.slice(0, 8).toUpperCase()} confirmed`;
  const mail = await this.smtp.waitForMessage(`the confirmation of ${orderId}`, (m) => m.to.includes(email) && m.subject === subject);
  assert.ok(mail.text.includes(`Total: ${total}`), mail.text);
});

Then(
  '{string} finds {int} sent notifications in their notification list: verification, welcome and confirmation',
  async function (this: MartWorld, name: string, count: number) {
    await waitFor(`${count} sent notifications of ${name}`, async () => {
      const response = await this.request('GET', '/notifications', { as: name });
      assert.equal(response.status, 200);
      const items = response.body.items as { status: string; template: string }[];
      return items.length === count && items.every((n) => n.status === 'SENT') && items.map((n) => n.template).reverse().join() === 'verify-email,welcome,order-confirmed';
    });
  },
);
