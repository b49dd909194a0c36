import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { EventStream } from '../../proto/streams';
import type { Config } from '../config/config';
import { projectRoot } from '../project-root';
import { kafkaPrincipals } from './kafka-principals';
import { TopicNames } from './topic-names';

export class SchemaRejectedError extends Error {
  constructor(
    readonly subject: string,
    reason: string,
  ) {
    super(`schema registry rejected the schema for ${subject}: ${reason}`);
  }
}

export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

export async function readProtoFile(stream: EventStream): Promise<string> {
  return readFile(path.join(projectRoot(), 'proto', stream.protoFile), 'utf8');
}

/** HTTP Basic credentials of the registry's one writer, the relay (its Kafka principal and password). */
export interface RegistryWriter {
  username: string;
  password: string;
}

export function registryWriter(config: Config): RegistryWriter | undefined {
  const password = config.kafka.credentials?.passwords[kafkaPrincipals.relay];
  return password ? { username: kafkaPrincipals.relay, password } : undefined;
}

/** Talks to any Confluent-compatible registry through the Confluent REST API only. */
export class StreamSchemas {
  private readonly registry: SchemaRegistry;

  constructor(
    private readonly baseUrl: string,
    private readonly topicNames: TopicNames = new TopicNames(),
    private readonly writer?: RegistryWriter,
  ) {
    this.registry = new SchemaRegistry({ host: baseUrl, ...(writer ? { auth: { username: writer.username, password: writer.password } } : {}) });
  }

  /**
   * Sets BACKWARD compatibility on `<topic>-value` and registers the stream's .proto there (or `schema`,
   * a newer text of it).
   * Returns the schema id to frame messages with; throws SchemaRejectedError when the registry refuses it.
   */
  async register(stream: EventStream, schema?: string): Promise<number> {
    const subject = valueSubject(this.topicNames.physical(stream.topic));
    schema ??= await readProtoFile(stream);
    await this.setBackwardCompatibility(subject);
    try {
      const { id } = await this.registry.register({ type: SchemaType.PROTOBUF, schema }, { subject });
      return id;
    } catch (error) {
      const e = error as { status?: number; message?: string };
      if (e.status === 409 || e.status === 422) throw new SchemaRejectedError(subject, e.message ?? 'incompatible');
      throw error;
    }
  }

  async ping(timeoutMs = 2000): Promise<void> {
    const response = await fetch(`${this.baseUrl}/subjects`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`schema registry answered ${response.status}`);
  }

  private async setBackwardCompatibility(subject: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/vnd.schemaregistry.v1+json',
        ...(this.writer ? { authorization: `Basic ${Buffer.from(`${this.writer.username}:${this.writer.password}`).toString('base64')}` } : {}),
      },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`could not set compatibility of ${subject}: ${response.status} ${await response.text()}`);
    }
  }
}
