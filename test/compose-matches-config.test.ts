import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/config';

/**
 * No Docker engine runs compose.yaml in CI, so this test keeps it honest: it reads the file the way
 * compose would and checks it against what the app and relay actually need.
 */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const root = path.resolve(__dirname, '..');
const compose = parse(readFileSync(path.join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** A value the operator must set on the host: compose refuses to start without it (`${VAR:?message}`). */
const REQUIRED = /^\$\{([A-Z_]+):\?[^}]+\}$/;
const HOST_SECRET = 'a-secret-the-operator-sets-on-the-host-0123456789';

/** Resolves `${VAR:-default}` the way compose does when VAR is not set on the host, and required ones as set. */
function environmentOf(name: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(services[name].environment ?? {})) {
    const text = String(value);
    resolved[key] = REQUIRED.test(text) ? HOST_SECRET : text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  }
  return resolved;
}

function hostAndPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

function publishedContainerPorts(name: string): number[] {
  return (services[name].ports ?? []).map((p) => Number(p.split(':').pop()));
}

describe('compose.yaml', () => {
  it('has no usable secret of its own: JWT_SECRET must come from the host', () => {
    for (const name of ['app', 'relay', 'seed']) {
      expect(String(services[name].environment?.JWT_SECRET)).toMatch(REQUIRED);
    }
  });

  it('runs app, relay, postgres, kafka, the schema registry, kafka-ui and a mail catcher', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['app', 'relay', 'postgres', 'kafka', 'schema-registry', 'kafka-ui', 'mailpit']),
    );
    expect(services.kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(services['schema-registry'].image).toMatch(/^confluentinc\/cp-schema-registry:/);
  });

  it.each(['app', 'relay'])('gives the %s every setting it connects with, and a valid configuration', (name) => {
    const env = environmentOf(name);
    for (const variable of ['DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'SMTP_URL', 'JWT_SECRET']) {
      expect(env).toHaveProperty(variable);
    }
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('points the app at services and ports that exist in the file', () => {
    const config = loadConfig(environmentOf('app'));
    const database = new URL(config.database.url);
    const postgres = environmentOf('postgres');
    expect(database.hostname).toBe('postgres');
    expect(database.username).toBe(postgres.POSTGRES_USER);
    expect(database.password).toBe(postgres.POSTGRES_PASSWORD);
    expect(database.pathname).toBe(`/${postgres.POSTGRES_DB}`);

    const kafka = environmentOf('kafka');
    for (const broker of config.kafka.brokers) {
      expect(kafka.KAFKA_ADVERTISED_LISTENERS.split(',')).toContainEqual(expect.stringMatching(new RegExp(`//${broker}$`)));
    }

    const registry = hostAndPort(config.schemaRegistryUrl);
    expect(registry.host).toBe('schema-registry');
    expect(environmentOf('schema-registry').SCHEMA_REGISTRY_LISTENERS).toContain(`:${registry.port}`);
    expect(publishedContainerPorts('schema-registry')).toContain(8081);

    const smtp = hostAndPort(config.smtpUrl);
    expect(services[smtp.host]).toBeDefined();
    expect(publishedContainerPorts(smtp.host)).toContain(smtp.port);

    expect(publishedContainerPorts('app')).toContain(config.port);
    expect(services.app.healthcheck?.test.join(' ')).toContain(`localhost:${config.port}/health/ready`);
    expect(publishedContainerPorts('kafka-ui')).toContain(8080);

    const relay = loadConfig(environmentOf('relay'));
    expect(publishedContainerPorts('relay')).toContain(relay.relay.metricsPort);
    expect(services.relay.healthcheck?.test.join(' ')).toContain(`localhost:${relay.relay.metricsPort}/health/live`);
  });

  it('starts services only after what they depend on is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        if (condition === 'service_healthy') expect([name, dependency, services[dependency].healthcheck]).toEqual([name, dependency, expect.anything()]);
      }
    }
    expect(services.app.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      kafka: { condition: 'service_healthy' },
      'schema-registry': { condition: 'service_healthy' },
    });
  });

  it('runs both processes from the image the Dockerfile builds', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:\d+/m);
    expect(services.app.build).toBe('.');
    expect(services.relay.image).toBe(services.app.image);
    const entryPoints = [services.app.command, services.relay.command, services.seed?.command].filter(Boolean) as string[][];
    for (const command of entryPoints) {
      const script = command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(path.join(root, script))).toBe(true);
    }
  });
});
