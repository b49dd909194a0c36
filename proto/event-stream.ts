/** The shape every generated envelope message shares (see the first message of each .proto file). */
export interface Envelope {
  eventId: string;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string;
  actorUserId: string;
  event?: string;
}

export interface EnvelopeCodec<E extends Envelope> {
  create(properties?: object): E;
  encode(message: E): { finish(): Uint8Array };
  decode(bytes: Uint8Array): E;
  /** The message as plain values (protobufjs conversion: `{ longs: String, enums: String, defaults: true, json: true }`). */
  toObject(message: E, options?: { longs?: StringConstructor; enums?: StringConstructor; defaults?: boolean; json?: boolean }): Record<string, unknown>;
}

/** One Kafka topic carrying the events of one aggregate type, each value one envelope message. */
export interface EventStream<E extends Envelope = Envelope> {
  /** The module that publishes the stream from its outbox, e.g. `orders`. */
  readonly module: string;
  readonly topic: string;
  /** Path under proto/, registered in the schema registry as the topic's value schema. */
  readonly protoFile: string;
  /** Protobuf package of the file, e.g. `mart.orders.v1`; event types are `<package>.<EventName>`. */
  readonly protoPackage: string;
  readonly codec: EnvelopeCodec<E>;
  /** Kafka settings of the topic beyond the cluster's defaults, applied when it is created (e.g. compaction). */
  readonly topicConfig?: Readonly<Record<string, string>>;
}

/** The oneof case names of a stream's envelope, e.g. `orderPlaced`. */
export type EventCase<E extends Envelope> = NonNullable<E['event']> & keyof E;

/** The payload type carried under one oneof case. */
export type EventPayload<E extends Envelope, K extends EventCase<E>> = NonNullable<E[K]>;

/** `orderPlaced` → `mart.orders.v1.OrderPlaced`: the CloudEvents type and protobuf message name of an event. */
export function eventTypeName(stream: EventStream, eventCase: string): string {
  return `${stream.protoPackage}.${eventCase.charAt(0).toUpperCase()}${eventCase.slice(1)}`;
}
