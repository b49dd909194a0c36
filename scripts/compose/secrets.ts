/**
 * compose's `secrets` step: generates, once, every password the stack uses and the files that carry them, in the
 * `mart-secrets` volume (mounted at /run/mart, read-only for everyone else). Nothing fixed in the repository:
 * removing the volumes (`docker compose down -v`) forgets them.
 *
 *   postgres/owner-password   the owner role (POSTGRES_PASSWORD_FILE); owner.env (migrate, seed) has its URL
 *   postgres/app.env          DATABASE_URL_<MODULE> for the API: each module's own role
 *   postgres/relay.env        DATABASE_URL_RELAY for the relay
 *   postgres/split/*.env      the split profile: each module's role on its own PostgreSQL (<module>.env), what the
 *                             migrations need there (migrate.env), and the relay's sign-in to each (relay.env)
 *   kafka/server.properties   the broker's settings with mart-admin's password (SASL/SCRAM, ACLs)
 *   kafka/scram-users         the --add-scram arguments its storage is formatted with
 *   kafka/credentials.json    the application's principals (KAFKA_CREDENTIALS_FILE)
 *   kafka/operator.json       mart-admin and mart-external (kafka-init; `docker compose exec` to read it)
 *   kafka/registry-store.env  the schema store's own Kafka sign-in
 *   kafka/ui.yaml             Kafka UI's cluster, signed in as the read-only mart-external
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kafkaPrincipals } from '../../src/messaging/kafka-principals';
import { moduleNames } from '../../src/module-names';

const secret = () => randomBytes(24).toString('base64url');

/** Writes the files above into `root`, unless they were written before; true when it wrote them now. */
export function generateComposeSecrets(root: string): boolean {
  const marker = path.join(root, 'generated');
  if (existsSync(marker)) return false;
  const write = (relative: string, content: string): void => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content, { mode: 0o644 });
  };

  const database = 'postgres:5432/mart';
  const owner = secret();
  write('postgres/owner-password', owner);
  write('postgres/owner.env', `export DATABASE_URL='postgres://mart:${owner}@${database}'\n`);
  const rolePasswords = Object.fromEntries([...moduleNames.map((module) => `mart_${module}`), 'mart_relay'].map((role) => [role, secret()]));
  const roleUrl = (role: string, at = database) => `postgres://${role}:${rolePasswords[role]}@${at}`;
  const variable = (prefix: string, module: string) => `${prefix}_${module.toUpperCase()}`;
  write('postgres/app.env', moduleNames.map((module) => `export ${variable('DATABASE_URL', module)}='${roleUrl(`mart_${module}`)}'\n`).join(''));
  write('postgres/relay.env', `export DATABASE_URL_RELAY='${roleUrl('mart_relay')}'\n`);

  // The split profile: a PostgreSQL per module (postgres-<module>, database mart_<module>, the same owner and roles).
  const moduleDatabase = (module: string) => `postgres-${module}:5432/mart_${module}`;
  const lines = (entries: Array<[string, string]>) => entries.map(([name, value]) => `export ${name}='${value}'\n`).join('');
  for (const module of moduleNames) {
    write(`postgres/split/${module}.env`, lines([[variable('DATABASE_URL', module), roleUrl(`mart_${module}`, moduleDatabase(module))]]));
  }
  write(
    'postgres/split/migrate.env',
    lines([
      ['DATABASE_URL', `postgres://mart:${owner}@${moduleDatabase('users')}`],
      ...moduleNames.map((module): [string, string] => [variable('DATABASE_OWNER_URL', module), `postgres://mart:${owner}@${moduleDatabase(module)}`]),
      ...moduleNames.map((module): [string, string] => [variable('DATABASE_URL', module), roleUrl(`mart_${module}`, moduleDatabase(module))]),
      ['DATABASE_URL_RELAY', roleUrl('mart_relay')],
    ]),
  );
  // The relay signs in to every module's database as itself; of the modules' URLs it needs only where they point.
  write(
    'postgres/split/relay.env',
    lines([
      ...moduleNames.map((module): [string, string] => [variable('DATABASE_URL', module), `postgres://mart_${module}@${moduleDatabase(module)}`]),
      ['DATABASE_URL_RELAY', roleUrl('mart_relay')],
    ]),
  );

  const application = [kafkaPrincipals.relay, ...moduleNames.map(kafkaPrincipals.module)];
  const passwords = Object.fromEntries([...application, kafkaPrincipals.admin, kafkaPrincipals.external, 'mart-registry'].map((p) => [p, secret()]));
  const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, passwords[name]]));
  write('kafka/credentials.json', JSON.stringify({ mechanism: 'scram-sha-512', passwords: pick(application) }));
  write('kafka/operator.json', JSON.stringify({ mechanism: 'scram-sha-512', passwords: pick([kafkaPrincipals.admin, kafkaPrincipals.external]) }));
  write('kafka/scram-users', Object.entries(passwords).map(([name, password]) => `--add-scram SCRAM-SHA-512=[name=${name},password=${password}]`).join(' '));
  const scram = (name: string) => `org.apache.kafka.common.security.scram.ScramLoginModule required username="${name}" password="${passwords[name]}";`;
  write('kafka/registry-store.env', `export SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG='${scram('mart-registry')}'\n`);
  write(
    'kafka/ui.yaml',
    `kafka:
  clusters:
    - name: mart
      bootstrapServers: kafka:29092
      schemaRegistry: http://schema-registry:8081
      properties:
        security.protocol: SASL_PLAINTEXT
        sasl.mechanism: SCRAM-SHA-512
        sasl.jaas.config: '${scram(kafkaPrincipals.external)}'
`,
  );
  const admin = passwords[kafkaPrincipals.admin];
  write(
    'kafka/server.properties',
    `# Generated by scripts/compose/secrets.ts: SASL/SCRAM for clients, PLAIN between broker and controller, ACLs.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=INTERNAL://:29092,EXTERNAL://:9092,CONTROLLER://:9093
advertised.listeners=INTERNAL://kafka:29092,EXTERNAL://localhost:9092
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.internal.scram-sha-512.sasl.jaas.config=${scram(kafkaPrincipals.admin)}
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="mart-admin" password="${admin}" user_mart-admin="${admin}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:mart-admin
log.dirs=/var/lib/kafka/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
`,
  );
  write('generated', new Date().toISOString());
  return true;
}

if (require.main === module) {
  const root = process.argv[2] ?? '/run/mart';
  console.log(generateComposeSecrets(root) ? `secrets: generated in ${root}` : 'secrets: already generated');
}
