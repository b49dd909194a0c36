import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { waitFor } from '../../test/wait-for';
import type { MartWorld } from '../support/world';
import { emailFor, logIn, PEOPLE_PASSWORD } from './people.steps';

function remembered(world: MartWorld, key: string): string {
  const value = world.remembered.get(key);
  assert.ok(typeof value === 'string', `nothing remembered as ${key}`);
  return value;
}

When('{string} registers with a fresh email and the password {string}', async function (this: MartWorld, name: string, password: string) {
  const email = emailFor(name);
  await this.request('POST', '/auth/register', { body: { email, password, name } });
  this.remembered.set(`${name}.email`, email);
  this.remembered.set(`${name}.password`, password);
});

When('{string} follows the link in her/his verification email', async function (this: MartWorld, name: string) {
  const token = await this.smtp.linkTokenMailedTo(remembered(this, `${name}.email`), 'verify-email');
  await this.request('POST', '/auth/verify-email', { body: { token } });
});

Then('the account of {string} is a verified customer account without a password in sight', async function (this: MartWorld, name: string) {
  const me = await this.request('GET', '/users/me', { as: name });
  assert.equal(me.body.email, remembered(this, `${name}.email`));
  assert.equal(me.body.role, 'customer');
  assert.equal(me.body.emailVerified, true);
  assert.doesNotMatch(JSON.stringify(me.body), /password|argon2/i);
});

Then('{string} can still sign in with her/his password', async function (this: MartWorld, name: string) {
  const login = await this.request('POST', '/auth/login', { body: { email: remembered(this, `${name}.email`), password: PEOPLE_PASSWORD } });
  assert.equal(login.status, 200);
});

When('someone asks for a password reset for the email of {string}', async function (this: MartWorld, name: string) {
  this.remembered.set(`${name}.resetAskedAt`, String(Date.now()));
  await this.request('POST', '/auth/password-reset', { body: { email: remembered(this, `${name}.email`) } });
});

When(
  '{string} sets the new password {string} with the link in that email',
  async function (this: MartWorld, name: string, newPassword: string) {
    const token = await this.smtp.linkTokenMailedTo(remembered(this, `${name}.email`), 'reset-password', Number(remembered(this, `${name}.resetAskedAt`)));
    this.remembered.set(`${name}.resetToken`, token);
    await this.request('POST', '/auth/password-reset/confirm', { body: { token, newPassword } });
  },
);

Then('the session {string} had before no longer works', async function (this: MartWorld, name: string) {
  const refreshed = await this.request('POST', '/auth/refresh', { body: { refreshToken: remembered(this, `${name}.refreshToken`) } });
  assert.equal(refreshed.status, 401);
  // Access ends within ACCESS_GRANT_CACHE_MS (0.5 s), the time an answer about a session is reused.
  await waitFor(`the earlier access token of ${name} to be refused`, async () => (await this.request('GET', '/users/me', { as: name })).status === 401, {
    timeoutMs: 5000,
  });
});

Then('the reset link of {string} no longer works', async function (this: MartWorld, name: string) {
  const again = await this.request('POST', '/auth/password-reset/confirm', { body: { token: remembered(this, `${name}.resetToken`), newPassword: 'yet another password' } });
  assert.equal(again.status, 400);
  assert.equal(again.body.code, 'USERS.INVALID_TOKEN');
});

When('{string} signs in with the password {string}', async function (this: MartWorld, name: string, password: string) {
  const response = await this.request('POST', '/auth/login', { body: { email: remembered(this, `${name}.email`), password } });
  if (response.status === 200) {
    this.tokens.set(name, response.body.accessToken);
    this.remembered.set(`${name}.refreshToken`, response.body.refreshToken);
  }
});

Then('{string} holds a bearer access token and a refresh token', function (this: MartWorld, name: string) {
  assert.equal(this.response?.body.tokenType, 'Bearer');
  assert.ok(this.tokens.get(name));
  assert.match(remembered(this, `${name}.refreshToken`), /^[A-Za-z0-9_-]{43}$/);
});

When(
  '{string} sets her/his shipping address to {string}, {string} {string}, {string}',
  async function (this: MartWorld, name: string, line1: string, postalCode: string, city: string, country: string) {
    await this.request('PATCH', '/users/me', { as: name, body: { defaultShippingAddress: { line1, postalCode, city, country } } });
  },
);

Then('the profile of {string} shows the shipping address in {string}', async function (this: MartWorld, name: string, country: string) {
  const me = await this.request('GET', '/users/me', { as: name });
  assert.equal(me.status, 200);
  assert.equal(me.body.defaultShippingAddress?.country, country);
});

When('{string} refreshes her/his session', async function (this: MartWorld, name: string) {
  const previous = remembered(this, `${name}.refreshToken`);
  const response = await this.request('POST', '/auth/refresh', { body: { refreshToken: previous } });
  this.remembered.set(`${name}.previousRefreshToken`, previous);
  if (response.status === 200) {
    this.tokens.set(name, response.body.accessToken);
    this.remembered.set(`${name}.refreshToken`, response.body.refreshToken);
  }
});

Then('the previous refresh token of {string} no longer works', async function (this: MartWorld, name: string) {
  const response = await this.request('POST', '/auth/refresh', { body: { refreshToken: remembered(this, `${name}.previousRefreshToken`) } });
  assert.equal(response.status, 401);
});

When('{string} signs out', async function (this: MartWorld, name: string) {
  await this.request('POST', '/auth/logout', { body: { refreshToken: remembered(this, `${name}.refreshToken`) } });
});

Then('the refresh token of {string} no longer works', async function (this: MartWorld, name: string) {
  const response = await this.request('POST', '/auth/refresh', { body: { refreshToken: remembered(this, `${name}.refreshToken`) } });
  assert.equal(response.status, 401);
});

When('someone registers with the email of {string} in capitals', async function (this: MartWorld, name: string) {
  const email = remembered(this, `${name}.email`).toUpperCase();
  await this.request('POST', '/auth/register', { body: { email, password: 'another fine password', name: 'Someone' } });
});

When('{string} asks for the list of users', async function (this: MartWorld, name: string) {
  await this.request('GET', '/users', { as: name });
});

When('{string} searches the users for the email of {string}', async function (this: MartWorld, admin: string, name: string) {
  const email = remembered(this, `${name}.email`);
  await this.request('GET', `/users?email=${encodeURIComponent(email.toUpperCase())}`, { as: admin });
});

Then('the search finds exactly {string}', function (this: MartWorld, name: string) {
  const ids = (this.response?.body.items ?? []).map((user: { id: string }) => user.id);
  assert.deepEqual(ids, [remembered(this, `${name}.userId`)]);
});

When('{string} makes {string} an admin', async function (this: MartWorld, admin: string, name: string) {
  await this.request('PATCH', `/users/${remembered(this, `${name}.userId`)}/role`, { as: admin, body: { role: 'admin' } });
});

Then('{string} is an admin from her/his next session on', async function (this: MartWorld, name: string) {
  await logIn(this, name, remembered(this, `${name}.email`));
  const list = await this.request('GET', '/users', { as: name });
  assert.equal(list.status, 200);
});
