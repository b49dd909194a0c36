import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { loadConfig } from '../../config/config';
import { waitFor } from '../../../test/wait-for';

const root = path.resolve(__dirname, '../../..');

/** The API and the relay as their own processes at debug level, their whole output kept. */
function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'debug', NODE_ENV: 'production', PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Every password and key the processes hold: the database roles', the Kafka principals', the token secret. */
function configuredSecrets(): string[] {
  const config = loadConfig();
  const urls = [config.database.url, config.database.relayUrl, ...Object.values(config.database.moduleUrls)];
  const kafka = [process.env.KAFKA_CREDENTIALS_FILE, process.env.KAFKA_OPERATOR_CREDENTIALS_FILE]
    .filter((file): file is string => Boolean(file))
    .flatMap((file) => Object.values((JSON.parse(readFileSync(file, 'utf8')) as { passwords: Record<string, string> }).passwords));
  return [config.auth.jwtSecret, ...urls.map((url) => decodeURIComponent(new URL(url).password)), ...kafka].filter((s) => s.length >= 8);
}

describe('logs', () => {
  it('hold no secret, token, password or hash, at debug level, after every error path a client can provoke', async () => {
    const api = start('host/main.ts', { PORT: '0', METRICS_PORT: '0', MIGRATE_ON_START: 'false' });
    const relay = start('relay/main.ts', { RELAY_METRICS_PORT: '0' });
    const seen: string[] = [];
    try {
      const listening = await waitFor('the API to listen', async () => /"port":(\d+)/.exec(api.output.join(''))?.[1]);
      const http = () => request(`http://127.0.0.1:${listening}`);
      const password = `pw-${randomUUID()}`;
      const email = `logs-${randomUUID()}@example.com`;

      expect((await http().post('/auth/register').send({ email, password, name: 'Log Reader' })).status).toBe(201);
      expect((await http().post('/auth/register').send({ email, password, name: 'Again' })).status).toBe(409);
      expect((await http().post('/auth/login').send({ email, password: `${password}-wrong` })).status).toBe(401);
      const login = await http().post('/auth/login').send({ email, password });
      const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string };
      const rotated = (await http().post('/auth/refresh').send({ refreshToken })).body.refreshToken as string;
      expect((await http().post('/auth/refresh').send({ refreshToken })).status).toBe(401);
      const forged = jwt.sign({ sub: randomUUID(), role: 'admin', sid: randomUUID() }, 'a-guessed-secret-of-sufficient-length-000');
      expect((await http().get('/users').set('authorization', `Bearer ${forged}`)).status).toBe(401);
      expect((await http().get('/users').set('authorization', `Bearer ${accessToken}`)).status).toBeGreaterThanOrEqual(400);
      const newPassword = `pw-${randomUUID()}`;
      expect((await http().patch('/users/me').set('authorization', `Bearer ${accessToken}`).send({ password: newPassword, currentPassword: 'not it at all' })).status).toBeGreaterThanOrEqual(400);
      const card = `tok_${randomUUID().replace(/-/g, '')}`;
      await http().post('/payments').set('authorization', `Bearer ${accessToken}`).set('idempotency-key', randomUUID()).send({ orderId: randomUUID(), paymentMethod: { type: 'card', token: card } });
      await http().post('/payments').set('authorization', `Bearer ${accessToken}`).set('idempotency-key', randomUUID()).send({ orderId: randomUUID(), paymentMethod: { type: 'card', token: 'tok_chargeDeclined' } });
      await http().post('/auth/login').set('content-type', 'application/json').send(`{"email": "${email}", "password": "${password}"`);
      await http().post('/auth/login').send({ email: `${email}\u0000`, password });
      await http().get(`/users/me?token=${accessToken}`);
      await http().post('/auth/logout').send({ refreshToken: rotated });

      seen.push(password, newPassword, accessToken, refreshToken, rotated, card, ...configuredSecrets());
    } finally {
      await stop(api.child);
      await stop(relay.child);
    }
    const logs = [...api.output, ...relay.output].join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('"level":20'); // debug lines were written
    for (const secret of seen) expect({ found: logs.includes(secret), secret: `${secret.slice(0, 4)}…` }).toEqual({ found: false, secret: `${secret.slice(0, 4)}…` });
    expect(logs).not.toMatch(/\$argon2/);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  });
});
