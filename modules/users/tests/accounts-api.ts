import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import type { TestStack } from '../../../test/test-stack';

/** Talks to the running API the way a client would. */
export function accountsApi(stack: TestStack) {
  const http = () => request(stack.baseUrl);
  return {
    http,
    uniqueEmail: (label = 'user') => `${label}.${randomUUID().slice(0, 8)}@example.com`,
    register: (body: object) => http().post('/auth/register').send(body),
    login: (body: object, ip?: string) => {
      const call = http().post('/auth/login');
      if (ip) call.set('X-Forwarded-For', ip);
      return call.send(body);
    },
    refresh: (refreshToken: string) => http().post('/auth/refresh').send({ refreshToken }),
    logout: (refreshToken: string) => http().post('/auth/logout').send({ refreshToken }),
    me: (accessToken: string) => http().get('/users/me').set('Authorization', `Bearer ${accessToken}`),
    updateMe: (accessToken: string, body: object) => http().patch('/users/me').set('Authorization', `Bearer ${accessToken}`).send(body),
    listUsers: (accessToken: string, query: Record<string, string | number | undefined> = {}) =>
      http().get('/users').query(query).set('Authorization', `Bearer ${accessToken}`),
    changeRole: (accessToken: string, userId: string, role: string) =>
      http().patch(`/users/${userId}/role`).set('Authorization', `Bearer ${accessToken}`).send({ role }),

    /** Registers a customer (their address not verified yet) and signs them in. */
    async signUp(label = 'customer', password = 'correct horse battery') {
      const email = `${label}.${randomUUID().slice(0, 8)}@example.com`;
      const registered = await http().post('/auth/register').send({ email, password, name: label });
      if (registered.status !== 202) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
      const login = await http().post('/auth/login').send({ email, password });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
      return {
        userId: (jwt.decode(login.body.accessToken) as { sub: string }).sub,
        email,
        password,
        accessToken: login.body.accessToken as string,
        refreshToken: login.body.refreshToken as string,
      };
    },
  };
}
