import request from 'supertest';
import { UserStream } from '../proto/streams';
import { personalDataSeal } from '../src/crypto/personal-data';
import { unsealToken } from '../src/messaging/sealed-user-fields';
import { outboxEvents } from './event-probe';
import type { TestStack } from './test-stack';

/**
 * The token of the latest verification or reset link recorded for a user, read from the users module's events as
 * the notifications module reads it (and mails it): the database keeps only its hash.
 */
export async function latestAccountToken(stack: TestStack, userId: string, kind: 'emailVerificationRequested' | 'passwordResetRequested'): Promise<string | undefined> {
  const events = (await outboxEvents(stack.db('users'), UserStream)).filter((event) => event.aggregateId === userId && event.event === kind);
  const latest = events.at(-1);
  if (!latest) return undefined;
  const sealed = kind === 'emailVerificationRequested' ? latest.emailVerificationRequested?.sealedToken : latest.passwordResetRequested?.sealedToken;
  return unsealToken(personalDataSeal(stack.config.personalDataKey), sealed);
}

/** A customer registered through the API who followed their verification link, signed in afresh (a verified token). */
export async function registerVerifiedCustomer(stack: TestStack, registration: { email: string; password: string; name: string }) {
  const http = () => request(stack.baseUrl);
  const registered = await http().post('/auth/register').send(registration);
  if (registered.status !== 202) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const first = await http().post('/auth/login').send({ email: registration.email, password: registration.password });
  const me = await http().get('/users/me').set('Authorization', `Bearer ${first.body.accessToken}`);
  const userId = me.body.id as string;
  const token = await latestAccountToken(stack, userId, 'emailVerificationRequested');
  if (!token) throw new Error(`no verification link was recorded for ${registration.email}`);
  const verified = await http().post('/auth/verify-email').send({ token });
  if (verified.status !== 204) throw new Error(`verify-email failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  const login = await http().post('/auth/login').send({ email: registration.email, password: registration.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { userId, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
}
