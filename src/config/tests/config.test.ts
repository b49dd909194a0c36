import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../config';

describe('configuration', () => {
  it('has safe development defaults on the conventional ports', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.kafka.brokers).toEqual(['localhost:9092']);
    expect(config.schemaRegistryUrl).toBe('http://localhost:8081');
    expect(config.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('names the variable that is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('refuses to start in production with a missing, default or short JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const allowSandbox = { PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' };
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48), ...allowSandbox }).env).toBe('production');
  });

  it('uses the sandbox payment provider outside production, and in production only when explicitly allowed', () => {
    expect(loadConfig({}).payments.provider).toBe('sandbox');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) })).toThrow(/sandbox payment provider/);
    const staging = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48), PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' });
    expect(staging.payments.provider).toBe('sandbox');
  });

  it('refuses a reconcile delay that does not exceed the provider timeout', () => {
    expect(() => loadConfig({ PAYMENTS_PROVIDER_TIMEOUT_MS: '5000', PAYMENTS_RECONCILE_AFTER_MS: '5000' })).toThrow(/PAYMENTS_RECONCILE_AFTER_MS/);
  });
});

describe('configuration from an orchestrator', () => {
  it('treats empty variables as unset, so production still refuses an empty secret', () => {
    expect(loadConfig({ JWT_SECRET: '', PORT: '' }).port).toBe(3000);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });
});
