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
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) }).env).toBe('production');
  });
});

describe('configuration from an orchestrator', () => {
  it('treats empty variables as unset, so production still refuses an empty secret', () => {
    expect(loadConfig({ JWT_SECRET: '', PORT: '' }).port).toBe(3000);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });
});
