import { allStreams, type EventStream } from '../proto/streams';
import type { ModuleName } from '../src/module-names';
import { DependencyUnavailableError } from '../src/health/dependency-errors';
import { SchemaRejectedError, type StreamSchemas } from '../src/messaging/schema-registry';
import type { SchemaIdsByTopic } from './outbox-rows';

/**
 * The registry ids of a module's value schemas, registered when the relay first takes the outbox over. The
 * schemas are this build's, so the ids hold for the process's life: taking the outbox over again (after a
 * database restart) needs no registry.
 */
export class SchemaIds {
  private readonly ids = new Map<string, number>();

  constructor(private readonly schemas: StreamSchemas) {}

  async registerModule(module: ModuleName): Promise<void> {
    for (const stream of allStreams.filter((s) => s.module === module && !this.ids.has(s.topic))) {
      try {
        this.ids.set(stream.topic, await this.schemas.register(stream));
      } catch (error) {
        if (error instanceof SchemaRejectedError) throw error;
        throw new DependencyUnavailableError('schema registry', error);
      }
    }
  }

  private idFor(stream: EventStream): number {
    const id = this.ids.get(stream.topic);
    if (id === undefined) throw new Error(`no registered schema for ${stream.topic}`);
    return id;
  }

  /** The ids of a registered module's streams, by logical topic. */
  forModule(module: ModuleName): SchemaIdsByTopic {
    return Object.fromEntries(allStreams.filter((s) => s.module === module).map((stream) => [stream.topic, this.idFor(stream)]));
  }
}
