import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Then, When } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';
import { PEOPLE_PASSWORD } from './people.steps';

function remembered(world: MartWorld, key: string): string {
  const value = world.remembered.get(key);
  assert.ok(typeof value === 'string', `nothing remembered as ${key}`);
  return value;
}

/** Repeats `request` for up to a second until it answers `status`. */
async function withinASecond(world: MartWorld, request: () => Promise<unknown>, status: number): Promise<void> {
  const deadline = Date.now() + 1000;
  for (;;) {
    await request();
    if (world.response?.status === status || Date.now() > deadline) break;
    await sleep(25);
  }
  assert.equal(world.response?.status, status, `still ${world.response?.status} after a second`);
}

Then('within a second the access token of {string} is refused with {string}', async function (this: MartWorld, name: string, code: string) {
  await withinASecond(this, () => this.request('GET', '/users/me', { as: name }), 401);
  assert.equal(this.response?.body.code, code);
});

When('{string} makes {string} a customer', async function (this: MartWorld, admin: string, name: string) {
  const changed = await this.request('PATCH', `/users/${remembered(this, `${name}.userId`)}/role`, { as: admin, body: { role: 'customer' } });
  assert.equal(changed.status, 200);
});

Then('within a second {string} is refused the stock list with status {int}', async function (this: MartWorld, name: string, status: number) {
  await withinASecond(this, () => this.request('GET', '/inventory', { as: name }), status);
});

function signInFrom(world: MartWorld, email: string, password: string, address: string) {
  return world.request('POST', '/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': address } });
}

When('someone guesses the password of {string} {int} times from {word}', async function (this: MartWorld, name: string, times: number, address: string) {
  for (let i = 0; i < times; i++) await signInFrom(this, remembered(this, `${name}.email`), `guess number ${i}`, address);
});

When('someone guesses the password of {string} {int} times from addresses in {word}', async function (this: MartWorld, name: string, times: number, network: string) {
  const prefix = network.replace(/::\/64$/, '');
  for (let i = 1; i <= times; i++) await signInFrom(this, remembered(this, `${name}.email`), `guess number ${i}`, `${prefix}::${i.toString(16)}`);
});

Then('signing in as {string} from {word} is refused with status {int}', async function (this: MartWorld, name: string, address: string, status: number) {
  await signInFrom(this, remembered(this, `${name}.email`), PEOPLE_PASSWORD, address);
  assert.equal(this.response?.status, status);
});

Then('{string} signs in from {word} with her/his password', async function (this: MartWorld, name: string, address: string) {
  await signInFrom(this, remembered(this, `${name}.email`), PEOPLE_PASSWORD, address);
  assert.equal(this.response?.status, 200, JSON.stringify(this.response?.body));
});

When('someone registers with the email {string}', async function (this: MartWorld, email: string) {
  await this.request('POST', '/auth/register', { body: { email, password: PEOPLE_PASSWORD, name: 'Someone' } });
});

When('a visitor asks the API for {string}', async function (this: MartWorld, path: string) {
  await this.request('GET', path);
});
