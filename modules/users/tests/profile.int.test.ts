import jwt from 'jsonwebtoken';
import { UserStream } from '../../../proto/streams';
import { personalDataSeal } from '../../../src/crypto/personal-data';
import { unsealUserFields } from '../../../src/messaging/sealed-user-fields';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { accountsApi } from './accounts-api';

describe('a user manages their own profile', () => {
  let stack: TestStack;
  let api: ReturnType<typeof accountsApi>;
  const address = { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'de' };

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    api = accountsApi(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const eventsOf = async (userId: string) =>
    (await outboxEvents(stack.db('users'), UserStream)).filter((e) => e.aggregateId === userId);

  it('updates name, phone and default shipping address, normalised, and records UserProfileUpdated with the full profile', async () => {
    const user = await api.signUp('mover');

    const response = await api.updateMe(user.accessToken, { name: 'Mover Person', phone: '+49 151 1234-5678', defaultShippingAddress: address });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Mover Person',
      phone: '+4915112345678',
      defaultShippingAddress: { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    });
    expect((await api.me(user.accessToken)).body).toEqual(response.body);
    const updated = (await eventsOf(user.userId)).find((e) => e.event === 'userProfileUpdated');
    expect(unsealUserFields(personalDataSeal(stack.config.personalDataKey), updated!.userProfileUpdated!)).toMatchObject({
      userId: user.userId,
      email: user.email,
      name: 'Mover Person',
      phone: '+4915112345678',
      role: 'customer',
      defaultShippingAddress: { line1: 'Unter den Linden 1', line2: '', city: 'Berlin', postalCode: '10117', country: 'DE' },
    });
  });

  it('records nothing when nothing changes, and clears optional fields with null', async () => {
    const user = await api.signUp('steady');
    await api.updateMe(user.accessToken, { phone: '+4915112345678', defaultShippingAddress: address });
    const before = (await eventsOf(user.userId)).length;

    expect((await api.updateMe(user.accessToken, { phone: '+49 151 12345678', defaultShippingAddress: address })).status).toBe(200);
    expect(await eventsOf(user.userId)).toHaveLength(before);

    const cleared = await api.updateMe(user.accessToken, { phone: null, defaultShippingAddress: null });
    expect(cleared.body).toMatchObject({ phone: null, defaultShippingAddress: null });
    expect(await eventsOf(user.userId)).toHaveLength(before + 1);
  });

  it('rejects invalid fields with 400 naming each one, changing nothing', async () => {
    const user = await api.signUp('sloppy');

    const response = await api.updateMe(user.accessToken, {
      name: 'Valid Name',
      phone: '12',
      defaultShippingAddress: { ...address, country: 'XX', postalCode: '' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'defaultShippingAddress.country',
      'defaultShippingAddress.postalCode',
      'phone',
    ]);
    expect((await api.me(user.accessToken)).body.name).toBe('sloppy');
    const unknownField = await api.updateMe(user.accessToken, { email: 'new@example.com' });
    expect(unknownField.status).toBe(400);
    expect((await api.updateMe(user.accessToken, { defaultShippingAddress: { line1: 'x' } })).status).toBe(400);
  });

  it('changes the password only with the current one, and signs out every other session', async () => {
    const user = await api.signUp('careful');
    const otherDevice = await api.login({ email: user.email, password: user.password });

    const withoutCurrent = await api.updateMe(user.accessToken, { newPassword: 'a brand new secret' });
    expect(withoutCurrent.status).toBe(400);
    expect(withoutCurrent.body.code).toBe('USERS.CURRENT_PASSWORD_REQUIRED');
    const wrongCurrent = await api.updateMe(user.accessToken, { currentPassword: 'not my password', newPassword: 'a brand new secret' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.code).toBe('USERS.CURRENT_PASSWORD_INCORRECT');
    const weak = await api.updateMe(user.accessToken, { currentPassword: user.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);

    const changed = await api.updateMe(user.accessToken, { currentPassword: user.password, newPassword: 'a brand new secret' });

    expect(changed.status).toBe(200);
    expect((await api.refresh(otherDevice.body.refreshToken)).status).toBe(401);
    expect((await api.refresh(user.refreshToken)).status).toBe(200);
    expect((await api.login({ email: user.email, password: user.password })).status).toBe(401);
    expect((await api.login({ email: user.email, password: 'a brand new secret' })).status).toBe(200);
    const events = await eventsOf(user.userId);
    // The other device's session ended; processes without this module learn it from SessionsEnded.
    expect(events.map((e) => e.event)).toEqual(['userRegistered', 'emailVerificationRequested', 'sessionsEnded', 'passwordChanged']);
    const otherSession = (jwt.decode(otherDevice.body.accessToken) as { sid: string }).sid;
    expect(events[3].passwordChanged).toMatchObject({ userId: user.userId, how: 'profile' });
    expect(events[2].sessionsEnded).toMatchObject({ userId: user.userId, sessionIds: [otherSession], reason: 'password_changed' });
    expect(JSON.stringify(events)).not.toMatch(/argon2/);
  });
});
