import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given } from '@cucumber/cucumber';
import { ensureAdmin } from '../../modules/users';
import type { MartWorld } from '../support/world';

/** Shared by every feature: people in a story are real accounts, signed in through the API. */

export const PEOPLE_PASSWORD = 'correct horse battery staple';

export function emailFor(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${randomUUID().slice(0, 8)}@example.com`;
}

export async function logIn(world: MartWorld, name: string, email: string, password = PEOPLE_PASSWORD): Promise<void> {
  const login = await world.request('POST', '/auth/login', { body: { email, password } });
  assert.equal(login.status, 200, `${name} could not log in: ${JSON.stringify(login.body)}`);
  world.tokens.set(name, login.body.accessToken);
  world.remembered.set(`${name}.refreshToken`, login.body.refreshToken);
}

/** Registers through the API and follows the verification link of the mail, as a new customer does. */
export async function registerVerified(world: MartWorld, name: string, email: string, password = PEOPLE_PASSWORD): Promise<void> {
  const registered = await world.request('POST', '/auth/register', { body: { email, password, name } });
  assert.equal(registered.status, 202, `${name} could not register: ${JSON.stringify(registered.body)}`);
  const verified = await world.request('POST', '/auth/verify-email', { body: { token: await world.smtp.linkTokenMailedTo(email, 'verify-email') } });
  assert.equal(verified.status, 204, `${name} could not verify the address: ${JSON.stringify(verified.body)}`);
  world.remembered.set(`${name}.email`, email);
  world.remembered.set(`${name}.password`, password);
  await logIn(world, name, email, password);
  const me = await world.request('GET', '/users/me', { as: name });
  world.remembered.set(`${name}.userId`, me.body.id);
}

Given('a customer {string} is registered and logged in', async function (this: MartWorld, name: string) {
  await registerVerified(this, name, emailFor(name));
});

Given('an admin {string} is logged in', async function (this: MartWorld, name: string) {
  const email = emailFor(name);
  const { userId } = await ensureAdmin({ db: this.stack.db('users'), personalDataKey: this.stack.config.personalDataKey }, { email, password: PEOPLE_PASSWORD, name });
  this.remembered.set(`${name}.email`, email);
  this.remembered.set(`${name}.userId`, userId);
  this.remembered.set('admin', name);
  await logIn(this, name, email);
});
