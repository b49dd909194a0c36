import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { findInEverySchema } from '../../test/personal-data-search';
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

Then('no module keeps the email or name of {string}', async function (this: MartWorld, name: string) {
  const findings = await findInEverySchema((module) => this.stack.db(module), [remembered(this, `${name}.email`)]);
  assert.deepEqual(findings, []);
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
