import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { generateComposeSecrets } from '../scripts/compose/secrets';
import { kongConfig, parseUpstreams } from '../scripts/gateway-config';
import { loadConfig, runtimeUrlVariable } from '../src/config/config';
import { kafkaPrincipals, readKafkaCredentials } from '../src/messaging/kafka-principals';
import { moduleNames } from '../src/module-names';

/**
 * No Docker engine runs compose.yaml in CI, so this test keeps it honest: it reads the file the way compose would,
 * generates the secrets its `secrets` step generates, and checks both against what each process needs.
 */
interface Service {
  image?: string;
  build?: string;
  entrypoint?: string[];
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  profiles?: string[];
  volumes?: Array<string | { source: string; target: string; read_only?: boolean }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const root = path.resolve(__dirname, '..');
const composeText = readFileSync(path.join(root, 'compose.yaml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** A value the operator must set on the host: compose refuses to start without it (`${VAR:?message}`). */
const REQUIRED = /^\$\{([A-Z_]+):\?[^}]+\}$/;
const HOST_SECRET = 'a-secret-the-operator-sets-on-the-host-0123456789';
const HOST_KEY = randomBytes(32).toString('hex');
const SECRETS_MOUNT = '/run/mart';

/** What the `secrets` step would write into the mart-secrets volume, in a folder of this test's own. */
const secretsRoot = mkdtempSync(path.join(tmpdir(), 'mart-compose-secrets-'));
generateComposeSecrets(secretsRoot);
const secretFile = (inVolume: string) => path.join(secretsRoot, path.relative(SECRETS_MOUNT, inVolume));

/** `export NAME='value'` lines, as the entrypoints source them. */
function sourced(inVolume: string): Record<string, string> {
  const lines = readFileSync(secretFile(inVolume), 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((line) => /^export ([A-Z_]+)='([^']*)'$/.exec(line)!.slice(1, 3)));
}

/** The environment a service's process sees: compose's (defaults resolved), then what its entrypoint sources. */
function environmentOf(name: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(services[name].environment ?? {})) {
    const text = String(value);
    resolved[key] = REQUIRED.test(text) ? (key === 'PERSONAL_DATA_KEY' ? HOST_KEY : HOST_SECRET) : text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  }
  const entrypoint = (services[name].entrypoint ?? []).join(' ');
  for (const file of entrypoint.match(/\/run\/mart\/[\w/.-]+\.env/g) ?? []) Object.assign(resolved, sourced(file));
  for (const [key, value] of Object.entries(resolved)) if (value.startsWith(`${SECRETS_MOUNT}/`)) resolved[key] = secretFile(value);
  return resolved;
}

function published(name: string): Array<{ host: string; port: number }> {
  return (services[name].ports ?? []).map((p) => {
    const parts = p.split(':');
    return { host: parts.length === 3 ? parts[0] : '0.0.0.0', port: Number(parts.at(-1)) };
  });
}

describe('compose.yaml', () => {
  it('has no usable secret of its own: JWT_SECRET comes from the host, every password from the secrets step', () => {
    for (const name of ['app', 'relay', 'seed']) expect(String(services[name].environment?.JWT_SECRET)).toMatch(REQUIRED);
    for (const name of ['app', 'users', 'notifications', 'orders']) expect(String(services[name].environment?.PERSONAL_DATA_KEY)).toMatch(REQUIRED);
    expect(composeText).not.toMatch(/PASSWORD:\s+[^\s$]/);
    expect(composeText).not.toMatch(/postgres:\/\/[^@\s]*:[^@\s]*@/);
    expect(services.postgres.environment?.POSTGRES_PASSWORD_FILE).toBe(`${SECRETS_MOUNT}/postgres/owner-password`);
    expect(services.seed.environment?.DEMO_ADMIN_PASSWORD).toBe('${DEMO_ADMIN_PASSWORD:-}');
  });

  it('publishes only the API on every interface; developer tools on 127.0.0.1, Kafka UI only in the dev profile', () => {
    const everywhere = Object.keys(services).filter((name) => published(name).some((p) => p.host !== '127.0.0.1'));
    expect(everywhere).toEqual(['app', 'gateway']);
    expect(published('app')).toEqual([{ host: '0.0.0.0', port: 3000 }]);
    // The split profile's one entry point.
    expect(services.gateway.ports).toEqual(['3080:8000']);
    expect(services.gateway.profiles).toEqual(['split']);
    expect(services['kafka-ui'].profiles).toEqual(['dev']);
    expect(services['kafka-ui'].image).not.toMatch(/provectuslabs/);
    for (const name of ['postgres', 'kafka', 'schema-store', 'schema-registry', 'relay']) expect(published(name)).toEqual([]);
  });

  it.each(['app', 'relay'])('gives the %s a valid configuration that signs in as its own database role and Kafka principals', (name) => {
    const env = environmentOf(name);
    const config = loadConfig(env);
    const credentials = readKafkaCredentials(env.KAFKA_CREDENTIALS_FILE);
    if (name === 'app') {
      for (const module of moduleNames) {
        const url = new URL(config.database.moduleUrls[module]);
        expect([url.hostname, url.username, url.pathname]).toEqual(['postgres', `mart_${module}`, '/mart']);
        expect(credentials.passwords[kafkaPrincipals.module(module)]).toBeTruthy();
        expect(env).toHaveProperty(runtimeUrlVariable(module));
      }
      expect(env.MIGRATE_ON_START).toBe('false');
    } else {
      expect(new URL(config.database.relayUrl).username).toBe('mart_relay');
      expect(credentials.passwords[kafkaPrincipals.relay]).toBeTruthy();
    }
    expect(env).not.toHaveProperty('DATABASE_URL');
    expect(credentials.passwords).not.toHaveProperty(kafkaPrincipals.admin);
  });

  it('migrates and seeds as the owner the postgres service was created with', () => {
    for (const name of ['migrate', 'seed']) {
      const owner = new URL(loadConfig(environmentOf(name), { requireJwtSecret: false }).database.url);
      expect([owner.hostname, owner.username, owner.pathname]).toEqual(['postgres', services.postgres.environment?.POSTGRES_USER, `/${services.postgres.environment?.POSTGRES_DB}`]);
      expect(decodeURIComponent(owner.password)).toBe(readFileSync(secretFile(services.postgres.environment!.POSTGRES_PASSWORD_FILE), 'utf8'));
    }
    expect(environmentOf('migrate')).toHaveProperty('DATABASE_URL_ORDERS');
    expect(environmentOf('migrate')).toHaveProperty('DATABASE_URL_RELAY');
  });

  it('runs Kafka with authentication and ACLs, the app on its internal listener, the principals formatted in', () => {
    const properties = readFileSync(secretFile(`${SECRETS_MOUNT}/kafka/server.properties`), 'utf8');
    expect(properties).toMatch(/^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m);
    expect(properties).toMatch(/^allow\.everyone\.if\.no\.acl\.found=false$/m);
    expect(properties).not.toMatch(/(?<!SASL_)PLAINTEXT/);
    const config = loadConfig(environmentOf('app'));
    const advertised = /^advertised\.listeners=(.*)$/m.exec(properties)![1].split(',');
    for (const broker of config.kafka.brokers) expect(advertised).toContainEqual(expect.stringMatching(new RegExp(`//${broker}$`)));
    const formatted = readFileSync(secretFile(`${SECRETS_MOUNT}/kafka/scram-users`), 'utf8');
    for (const principal of [kafkaPrincipals.admin, kafkaPrincipals.external, kafkaPrincipals.relay, ...moduleNames.map(kafkaPrincipals.module)]) {
      expect(formatted).toContain(`name=${principal},`);
    }
    expect(String(services.kafka.command)).toContain('/run/mart/kafka/scram-users');
    expect(environmentOf('kafka-init')).toMatchObject({ KAFKA_SCHEMA_STORE_PRINCIPAL: 'mart-registry' });
  });

  it('puts the guarding front before the schema store, writable with the relay principal only', () => {
    const config = loadConfig(environmentOf('app'));
    const registry = new URL(config.schemaRegistryUrl);
    const front = environmentOf('schema-registry');
    expect(registry.hostname).toBe('schema-registry');
    expect(front.REGISTRY_PORT).toBe(registry.port);
    expect(new URL(front.REGISTRY_UPSTREAM).hostname).toBe('schema-store');
    expect(readKafkaCredentials(front.REGISTRY_WRITER_CREDENTIALS_FILE).passwords[kafkaPrincipals.relay]).toBeTruthy();
    expect(services['schema-store'].image).toMatch(/^confluentinc\/cp-schema-registry:/);
  });

  it('starts services only after what they depend on is healthy or done', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        if (condition === 'service_healthy') expect([name, dependency, services[dependency].healthcheck]).toEqual([name, dependency, expect.anything()]);
      }
    }
    expect(services.app.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      'kafka-init': { condition: 'service_completed_successfully' },
      'schema-registry': { condition: 'service_healthy' },
    });
    expect(services.postgres.depends_on).toMatchObject({ secrets: { condition: 'service_completed_successfully' } });
  });

  it('runs every Mart step from the image the Dockerfile builds', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:\d+/m);
    expect(services.secrets.build).toBe('.');
    for (const [name, service] of Object.entries(services)) {
      if (service.image !== 'mart:latest') continue;
      const command = service.command as string[];
      const script = command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect([name, existsSync(path.join(root, script))]).toEqual([name, true]);
    }
  });

  describe('the split profile', () => {
    it.each(moduleNames)('runs %s alone, signed in as its own role on a PostgreSQL of its own', (module) => {
      const env = environmentOf(module);
      const config = loadConfig(env);
      expect(services[module].profiles).toEqual(['split']);
      expect(config.modules).toEqual([module]);
      const url = new URL(config.database.moduleUrls[module]);
      expect([url.hostname, url.username, url.pathname]).toEqual([`postgres-${module}`, `mart_${module}`, `/mart_${module}`]);
      expect(services[`postgres-${module}`].environment?.POSTGRES_DB).toBe(`mart_${module}`);
      // Only its own role's password: no other module's, no owner's.
      expect(Object.keys(env).filter((key) => key.startsWith('DATABASE_'))).toEqual([runtimeUrlVariable(module)]);
    });

    it("migrates each module on its own PostgreSQL as its owner, and relays every outbox from where it lives", () => {
      const migrate = loadConfig(environmentOf('migrate-split'), { requireJwtSecret: false });
      const relay = loadConfig(environmentOf('relay-split'));
      for (const module of moduleNames) {
        expect(new URL(migrate.database.ownerUrls[module]).hostname).toBe(`postgres-${module}`);
        const relayed = new URL(relay.database.relayUrls[module]);
        expect([relayed.hostname, relayed.username, relayed.pathname]).toEqual([`postgres-${module}`, 'mart_relay', `/mart_${module}`]);
      }
      expect(JSON.stringify(environmentOf('relay-split'))).not.toMatch(/mart_(users|orders):[^@]/);
    });

    it('routes through Kong by the paths each module serves, as generated', () => {
      const generated = kongConfig(parseUpstreams(moduleNames.map((module) => `${module}=http://${module}:3000`)));
      expect(readFileSync(path.join(root, 'deploy', 'kong.yml'), 'utf8')).toBe(generated);
      expect(services.gateway.environment).toMatchObject({ KONG_DATABASE: 'off', KONG_ADMIN_LISTEN: 'off' });
    });
  });
});
