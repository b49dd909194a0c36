import { allStreams, type EventStream } from '../proto/streams';
import type { ModuleName } from '../src/module-names';
import type { StreamSchemas } from '../src/messaging/schema-registry';
import type { SchemaIdsByTopic } from './outbox-rows';

/** The registry ids of a module's value schemas, registered once when the relay takes the outbox over. */
export class SchemaIds {
  private readonly ids = new Map<string, number>();

  constructor(private readonly schemas: StreamSchemas) {}

  async registerModule(module: ModuleName): Promise<void> {
    for (const stream of allStreams.filter((s) => s.module === module)) {
      this.ids.set(stream.topic, await this.schemas.register(stream));
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
