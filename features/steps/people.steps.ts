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

Given('a customer {string} is registered and logged in', async function (this: MartWorld, name: string) {
  const email = emailFor(name);
  const registered = await this.request('POST', '/auth/register', { body: { email, password: PEOPLE_PASSWORD, name } });
  assert.equal(registered.status, 201, `${name} could not register: ${JSON.stringify(registered.body)}`);
  this.remembered.set(`${name}.email`, email);
  this.remembered.set(`${name}.userId`, registered.body.id);
  await logIn(this, name, email);
});

Given('an admin {string} is logged in', async function (this: MartWorld, name: string) {
  const email = emailFor(name);
  const { userId } = await ensureAdmin(this.stack.db('users'), { email, password: PEOPLE_PASSWORD, name });
  this.remembered.set(`${name}.email`, email);
  this.remembered.set(`${name}.userId`, userId);
  this.remembered.set('admin', name);
  await logIn(this, name, email);
});
