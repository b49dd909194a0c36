import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { EventStream } from '../../proto/streams';
import { projectRoot } from '../project-root';
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

/** Talks to any Confluent-compatible registry through the Confluent REST API only. */
export class StreamSchemas {
  private readonly registry: SchemaRegistry;

  constructor(
    private readonly baseUrl: string,
    private readonly topicNames: TopicNames = new TopicNames(),
  ) {
    this.registry = new SchemaRegistry({ host: baseUrl });
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
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`could not set compatibility of ${subject}: ${response.status} ${await response.text()}`);
    }
  }
}
