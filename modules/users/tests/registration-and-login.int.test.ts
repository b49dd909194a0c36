import { UserStream } from '../../../proto/streams';
import { personalDataSeal } from '../../../src/crypto/personal-data';
import { unsealUserFields } from '../../../src/messaging/sealed-user-fields';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { accountsApi } from './accounts-api';

describe('registering and signing in', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('registers a customer with a normalised email, unverified, recording UserRegistered with the profile sealed and a verification request', async () => {
    const email = api.uniqueEmail('ada');
    const response = await api.register({ email: `  ${email.toUpperCase()} `, password: 'correct horse battery', name: ' Ada  Lovelace ' });

    expect(response.status).toBe(202);
    expect(Object.keys(response.body)).toEqual(['message']);
    const login = await api.login({ email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const me = await api.me(login.body.accessToken);
    expect(me.body).toMatchObject({ email, name: 'Ada Lovelace', role: 'customer', emailVerified: false });
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|password/i);

    const events = (await outboxEvents(stack.db('users'), UserStream)).filter((e) => e.aggregateId === me.body.id);
    expect(events.map((e) => e.event)).toEqual(['userRegistered', 'emailVerificationRequested']);
    const registered = events[0].userRegistered!;
    expect(registered).toMatchObject({ userId: me.body.id, email: '', name: '', role: 'customer', emailVerified: false });
    expect(JSON.stringify(events)).not.toContain(email);
    const opened = unsealUserFields(personalDataSeal(stack.config.personalDataKey), registered);
    expect(opened).toMatchObject({ email, name: 'Ada Lovelace' });
  });

  it('answers a taken email (in any case) exactly as a new one, creates nothing, and records that someone tried', async () => {
    const email = api.uniqueEmail('grace');
    const first = await api.register({ email, password: 'correct horse battery', name: 'Grace' });
    const fresh = await api.register({ email: api.uniqueEmail('hopper'), password: 'correct horse battery', name: 'Hopper' });
    const eventsBefore = await outboxEvents(stack.db('users'), UserStream);

    const duplicate = await api.register({ email: email.toUpperCase(), password: 'another good password', name: 'Impostor' });

    const varying = new Set(['date', 'x-request-id', 'traceparent', 'ratelimit', 'ratelimit-policy']);
    const comparable = (response: typeof duplicate) => ({
      status: response.status,
      headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !varying.has(name))),
      body: response.text,
    });
    expect(comparable(duplicate)).toEqual(comparable(fresh));
    expect(comparable(first)).toEqual(comparable(fresh));
    const added = (await outboxEvents(stack.db('users'), UserStream)).slice(eventsBefore.length);
    expect(added.map((e) => e.event)).toEqual(['registrationAttempted']);
    expect((await api.login({ email, password: 'another good password' })).status).toBe(401);
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['a password over 128 characters', { password: 'x'.repeat(129) }, 'password'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an email that is a list of addresses', { email: 'a,victim@example.com' }, 'email'],
    ['an email with a list separator', { email: 'a;victim@example.com' }, 'email'],
    ['a quoted email', { email: '"a b"@example.com' }, 'email'],
    ['a blank name', { name: '   ' }, 'name'],
  ])('rejects %s with 400 naming the field', async (_case, override, field) => {
    const body = { email: api.uniqueEmail(), password: 'correct horse battery', name: 'Someone', ...override };
    const response = await api.register(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('USERS.VALIDATION_FAILED');
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('rejects missing and unknown fields and malformed JSON with 400', async () => {
    const missing = await api.register({ email: api.uniqueEmail(), name: 'No Password' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));

    const extra = await api.register({ email: api.uniqueEmail(), password: 'correct horse battery', name: 'Eve', role: 'admin' });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('REQUEST.VALIDATION_FAILED');

    const malformed = await api.http().post('/auth/register').set('Content-Type', 'application/json').send('{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('signs in with any case of the email and returns a bearer token pair that is not cached', async () => {
    const email = api.uniqueEmail('linus');
    await api.register({ email, password: 'correct horse battery', name: 'Linus' });

    const response = await api.login({ email: email.toUpperCase(), password: 'correct horse battery' });

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: stack.config.auth.accessTokenTtlSeconds,
    });
    const me = await api.me(response.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const email = api.uniqueEmail('ken');
    await api.register({ email, password: 'correct horse battery', name: 'Ken' });

    const wrongPassword = await api.login({ email, password: 'wrong horse battery' });
    const unknownEmail = await api.login({ email: api.uniqueEmail('nobody'), password: 'correct horse battery' });

    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('USERS.INVALID_CREDENTIALS');
      expect(response.body.detail).toBe('The email or password is incorrect');
    }
  });

  it('rejects a login without credentials with 400', async () => {
    const missing = await api.login({ email: api.uniqueEmail() });
    expect(missing.status).toBe(400);
    const blank = await api.login({ email: '', password: '' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password']);
  });
});
