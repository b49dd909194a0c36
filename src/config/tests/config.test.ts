import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';

const secret = { JWT_SECRET: 'a-random-test-secret-of-48-characters-0123456789' };
const credentialsFile = path.join(mkdtempSync(path.join(tmpdir(), 'mart-config-')), 'credentials.json');
writeFileSync(credentialsFile, JSON.stringify({ mechanism: 'scram-sha-512', passwords: { 'mart-relay': 'p' } }));
const production = { ...secret, NODE_ENV: 'production', KAFKA_CREDENTIALS_FILE: credentialsFile, PERSONAL_DATA_KEY: randomBytes(32).toString('base64') };

describe('configuration', () => {
  it('has development defaults on the conventional ports, but no default secret', () => {
    const config = loadConfig(secret);
    expect(config.port).toBe(3000);
    expect(config.kafka.brokers).toEqual(['localhost:9092']);
    expect(config.schemaRegistryUrl).toBe('http://localhost:8081');
    expect(config.auth.jwtSecret).toBe(secret.JWT_SECRET);
  });

  it.each(['development', 'test', 'production'])('refuses to start without a JWT secret of 32+ characters (NODE_ENV=%s)', (env) => {
    expect(() => loadConfig({ NODE_ENV: env })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: env, JWT_SECRET: 'mart-development-secret' })).toThrow(/JWT_SECRET: must be at least 32/);
  });

  it('lets maintenance commands that sign no tokens run without the secret', () => {
    expect(loadConfig({}, { requireJwtSecret: false }).auth.jwtSecret).toBe('');
  });

  it('caps the access-token lifetime', () => {
    expect(() => loadConfig({ ...secret, ACCESS_TOKEN_TTL_SECONDS: '86400' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });

  it('names the variable that is invalid', () => {
    expect(() => loadConfig({ ...secret, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ...secret, DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('refuses to start in production with a missing, short or made-up JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(48) })).toThrow(/low-entropy/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'abcdefgh'.repeat(4) })).toThrow(/low-entropy/);
    const allowSandbox = { PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' };
    expect(loadConfig({ ...production, ...allowSandbox }).env).toBe('production');
  });

  it('refuses to start in production without a personal-data key, or with one that is not 32 bytes', () => {
    const { PERSONAL_DATA_KEY: _key, ...keyless } = production;
    expect(() => loadConfig({ ...keyless, PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' })).toThrow(/PERSONAL_DATA_KEY: required/);
    expect(() => loadConfig({ ...secret, PERSONAL_DATA_KEY: randomBytes(16).toString('base64') })).toThrow(/PERSONAL_DATA_KEY: must be 32 bytes/);
    expect(loadConfig({ ...secret, PERSONAL_DATA_KEY: randomBytes(32).toString('hex') }).personalDataKey).toHaveLength(32);
  });

  it('refuses to start in production without Kafka credentials', () => {
    const { KAFKA_CREDENTIALS_FILE: _file, ...anonymous } = production;
    expect(() => loadConfig({ ...anonymous, PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' })).toThrow(/KAFKA_CREDENTIALS_FILE/);
    expect(() => loadConfig({ ...secret, KAFKA_CREDENTIALS_FILE: '/nonexistent/credentials.json' })).toThrow(/KAFKA_CREDENTIALS_FILE/);
  });

  it('leaves each module\'s settings to the module, whose variables it keeps for it', () => {
    const config = loadConfig({ ...secret, ORDER_PLACEMENTS_PER_MINUTE: 'not a number' });
    expect(config.environment.ORDER_PLACEMENTS_PER_MINUTE).toBe('not a number');
    expect(config).not.toHaveProperty('orders');
  });
});
