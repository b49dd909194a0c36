import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ModuleName } from '../module-names';

/**
 * Who signs in to Kafka. Each process role has its own principal, and the broker's ACLs (kafka-access.ts) let
 * each do only its part: the relay alone produces events; a module reads the topics it subscribes to and writes
 * their dead-letter topics; other teams read as `mart-external`. `mart-admin` is the operators' super user.
 */
export const kafkaPrincipals = {
  relay: 'mart-relay',
  admin: 'mart-admin',
  external: 'mart-external',
  module: (module: ModuleName) => `mart-${module}`,
} as const;

/** Consumer groups of the read-only principal must start with this, so they never join (or reset) Mart's own. */
export const EXTERNAL_GROUP_PREFIX = 'external.';

/** Passwords by principal, as scripts/infra.sh and compose's kafka-init write them (`{mechanism, passwords}`). */
export interface KafkaCredentials {
  readonly mechanism: 'scram-sha-512';
  readonly passwords: Readonly<Record<string, string>>;
}

export function readKafkaCredentials(file: string): KafkaCredentials {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KafkaCredentials>;
  if (parsed.mechanism !== 'scram-sha-512' || typeof parsed.passwords !== 'object' || parsed.passwords === null) {
    throw new Error(`${file}: expected {"mechanism":"scram-sha-512","passwords":{...}}`);
  }
  return { mechanism: parsed.mechanism, passwords: parsed.passwords };
}

/** The SASL settings a client signs in with as `principal`; none when the broker takes no credentials. */
export function saslFor(credentials: KafkaCredentials | undefined, principal: string): SASLOptions | undefined {
  if (!credentials) return undefined;
  const password = credentials.passwords[principal];
  if (!password) throw new Error(`the Kafka credentials have no password for ${principal}`);
  return { mechanism: credentials.mechanism, username: principal, password };
}

/**
 * Operators' tools (kafka:grant, the events CLI, benchmarks, tests' own clients) sign in as mart-admin from
 * KAFKA_OPERATOR_CREDENTIALS_FILE; anonymous when it is not set. The application never reads that file.
 */
export function operatorCredentials(): KafkaCredentials | undefined {
  const file = process.env.KAFKA_OPERATOR_CREDENTIALS_FILE;
  return file ? readKafkaCredentials(file) : undefined;
}

export function operatorSasl(): SASLOptions | undefined {
  return saslFor(operatorCredentials(), kafkaPrincipals.admin);
}
