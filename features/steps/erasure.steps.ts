import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';
import { orderIdOf } from './orders.steps';
import { PEOPLE_PASSWORD } from './people.steps';

function remembered(world: MartWorld, key: string): string {
  const value = world.remembered.get(key);
  assert.ok(typeof value === 'string', `nothing remembered as ${key}`);
  return value;
}

When('{string} closes her/his account with her/his password', async function (this: MartWorld, name: string) {
  await this.request('DELETE', '/users/me', { as: name, body: { password: PEOPLE_PASSWORD } });
});

Then('{string} can no longer sign in', async function (this: MartWorld, name: string) {
  const login = await this.request('POST', '/auth/login', { body: { email: remembered(this, `${name}.email`), password: PEOPLE_PASSWORD } });
  assert.equal(login.status, 401);
});

Then('{string} sees every module report the erasure of {string}', async function (this: MartWorld, admin: string, name: string) {
  const userId = remembered(this, `${name}.userId`);
  const erasure = await waitFor(`every module to erase what it holds about ${name}`, async () => {
    const response = await this.request('GET', `/users/${userId}/erasure`, { as: admin });
    return response.body.complete === true && response.body;
  });
  assert.deepEqual(
    erasure.modules.map((m: { module: string }) => m.module),
    ['users', 'orders', 'payments', 'notifications'],
  );
});

Then('the shop shows no one the email or name of {string}', async function (this: MartWorld, name: string) {
  const admin = remembered(this, 'admin');
  const email = remembered(this, `${name}.email`);
  const found = await this.request('GET', `/users?email=${encodeURIComponent(email)}`, { as: admin });
  assert.deepEqual(found.body.items, []);
  const account = await this.request('GET', `/users?email=${encodeURIComponent(remembered(this, `${name}.userId`))}`, { as: admin });
  assert.deepEqual(
    account.body.items.map((user: { name: string; phone: string | null; defaultShippingAddress: unknown }) => [user.name, user.phone, user.defaultShippingAddress]),
    [['Erased user', null, null]],
  );
  const messages = await this.request('GET', `/notifications?userId=${remembered(this, `${name}.userId`)}&limit=100`, { as: admin });
  assert.ok(messages.body.items.length > 0);
  for (const message of messages.body.items) assert.deepEqual([message.recipient, message.subject], ['(erased)', '(erased)']);
});

Then('the order of {string} is kept for the accounts without her/his name or street', async function (this: MartWorld, name: string) {
  const admin = remembered(this, 'admin');
  const order = await this.request('GET', `/orders/${orderIdOf(this, name)}`, { as: admin });
  assert.equal(order.status, 200);
  assert.equal(order.body.status, 'PAID');
  assert.equal(order.body.shippingAddress.name, '(erased)');
  assert.equal(order.body.shippingAddress.line1, '(erased)');
  assert.ok(order.body.shippingAddress.country);
});
