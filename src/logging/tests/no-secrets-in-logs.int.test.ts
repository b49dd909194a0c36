import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { UserStream } from '../../../proto/streams';
import { loadConfig } from '../../config/config';
import { personalDataSeal } from '../../crypto/personal-data';
import { createModuleDatabase } from '../../db/database';
import { unsealToken } from '../../messaging/sealed-user-fields';
import { outboxEvents } from '../../../test/event-probe';
import { waitFor } from '../../../test/wait-for';

const root = path.resolve(__dirname, '../../..');

/** The API and the relay as their own processes at debug level, their whole output kept. */
function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true',
      ACCOUNT_LINKS_BASE_URL: 'https://shop.example',
      ...env,
    },
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
  const personalDataKey = config.personalDataKey ? [config.personalDataKey.toString('base64'), config.personalDataKey.toString('hex')] : [];
  return [config.auth.jwtSecret, ...personalDataKey, ...urls.map((url) => decodeURIComponent(new URL(url).password)), ...kafka].filter((s) => s.length >= 8);
}

/** The tokens of every verification and reset link recorded so far (sealed in the users module's events). */
async function recordedAccountTokens(): Promise<string[]> {
  const config = loadConfig();
  const db = createModuleDatabase({ url: config.database.moduleUrls.users, schema: 'users', poolMax: 1 });
  try {
    const seal = personalDataSeal(config.personalDataKey);
    return (await outboxEvents(db, UserStream)).flatMap((event) => {
      const sealed = event.emailVerificationRequested?.sealedToken ?? event.passwordResetRequested?.sealedToken;
      return sealed ? [unsealToken(seal, sealed)] : [];
    });
  } finally {
    await db.destroy();
  }
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

      expect((await http().post('/auth/register').send({ email, password, name: 'Log Reader' })).status).toBe(202);
      expect((await http().post('/auth/register').send({ email, password, name: 'Again' })).status).toBe(202);
      expect((await http().post('/auth/password-reset').send({ email })).status).toBe(202);
      const guessedToken = randomBytes(32).toString('base64url');
      expect((await http().post('/auth/password-reset/confirm').send({ token: guessedToken, newPassword: `pw-${randomUUID()}` })).status).toBe(400);
      expect((await http().post('/auth/verify-email').send({ token: guessedToken })).status).toBe(400);
      const accountTokens = await waitFor('the verification and reset tokens to be recorded', async () => {
        const tokens = await recordedAccountTokens();
        return tokens.length >= 2 ? tokens : undefined;
      });
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

      seen.push(password, newPassword, accessToken, refreshToken, rotated, card, guessedToken, ...accountTokens, ...configuredSecrets());
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
