import { readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { allStreams, type EventStream } from '../../proto/streams';
import { projectRoot } from '../project-root';

/** The events one stream carries: its envelope message and the cases of its `event` oneof. */
export interface StreamEvents {
  stream: EventStream;
  /** The .proto file's text. */
  proto: string;
  /** Full name of the envelope message, e.g. `mart.orders.v1.OrderEvent`. */
  envelope: string;
  cases: ReadonlyArray<{ eventCase: string; messageName: string }>;
}

let catalog: readonly StreamEvents[] | undefined;

/** Every stream's events, read once from the .proto files (the contracts, not the generated code). */
export function eventCatalog(): readonly StreamEvents[] {
  catalog ??= allStreams.map((stream) => {
    const proto = readFileSync(path.join(projectRoot(), 'proto', stream.protoFile), 'utf8');
    return { stream, proto, ...eventCasesOf(stream, proto) };
  });
  return catalog;
}

function eventCasesOf(stream: EventStream, proto: string): Pick<StreamEvents, 'envelope' | 'cases'> {
  const { root } = protobuf.parse(proto);
  const namespace = root.lookup(stream.protoPackage) as protobuf.Namespace;
  const envelope = namespace.nestedArray.find((nested): nested is protobuf.Type => nested instanceof protobuf.Type);
  const oneof = envelope?.oneofs?.event;
  if (!envelope || !oneof) throw new Error(`${stream.protoFile} has no envelope with an \`event\` oneof`);
  return { envelope: `${stream.protoPackage}.${envelope.name}`, cases: oneof.fieldsArray.map((field) => ({ eventCase: field.name, messageName: field.type })) };
}
