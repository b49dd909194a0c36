import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createFileRegistry, fromBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import {
  SchemaRegistryClient,
  type ClientConfig,
  type SchemaInfo,
  type SchemaMetadata,
} from '@confluentinc/schemaregistry';
import protobuf from 'protobufjs';
import * as descriptor from 'protobufjs/ext/descriptor';

const { FileDescriptorProto, FileDescriptorSet } = descriptor as unknown as Record<string, protobuf.Type>;

/**
 * Confluent's official registry client, as an external subscriber would use it. Confluent's protobuf
 * serdes ask for `?format=serialized` (a base64 FileDescriptorProto). Apicurio 3.3.3's ccompat API answers
 * that with the raw descriptor bytes in a JSON string (lossy, not base64), so against Apicurio this client
 * fetches the registered .proto text (the default format) and serializes it the way Confluent's registry
 * does. Against Confluent's own registry (compose.yaml) the adaptation is a no-op.
 */
export class ConfluentRegistryClient extends SchemaRegistryClient {
  constructor(baseUrl: string) {
    // Without a timeout, a request on a keep-alive socket the registry has dropped waits forever.
    super({
      baseURLs: [baseUrl],
      cacheCapacity: 100,
      createAxiosDefaults: { timeout: 5000, httpAgent: new http.Agent({ keepAlive: false }) },
      retriesWaitMs: 100,
    } as ClientConfig);
  }

  override async getBySubjectAndId(subject: string, id: number, format?: string): Promise<SchemaInfo> {
    const info = await super.getBySubjectAndId(subject, id);
    return format === 'serialized' ? toSerialized(info) : info;
  }

  override async getLatestSchemaMetadata(subject: string, format?: string): Promise<SchemaMetadata> {
    const metadata = await super.getLatestSchemaMetadata(subject);
    return format === 'serialized' ? (toSerialized(metadata) as SchemaMetadata) : metadata;
  }
}

interface DescriptorFile {
  name?: string;
  package?: string;
  messageType?: { field?: { typeName?: string }[] }[];
}

/** protobufjs writes message references relative to the package; descriptors need them fully qualified. */
function describe(protoText: string): { set: protobuf.Message; file: DescriptorFile } {
  const set = protobuf.parse(protoText, { keepCase: true }).root.toDescriptor('proto3');
  const file = set.file[0] as DescriptorFile;
  for (const message of file.messageType ?? []) {
    for (const field of message.field ?? []) {
      if (field.typeName && !field.typeName.startsWith('.')) field.typeName = `.${file.package}.${field.typeName}`;
    }
  }
  return { set, file };
}

function toSerialized<T extends SchemaInfo>(info: T): T {
  if (info.schemaType !== 'PROTOBUF' || isBase64Descriptor(info.schema)) return info;
  const { file } = describe(info.schema);
  file.name = file.name && file.name !== '' ? file.name : 'schema.proto';
  const bytes = FileDescriptorProto.encode(file as unknown as protobuf.Message).finish();
  return { ...info, schema: Buffer.from(bytes).toString('base64') };
}

function isBase64Descriptor(schema: string): boolean {
  return /^[A-Za-z0-9+/]+=*$/.test(schema.trim()) && !schema.includes('syntax');
}

/** @bufbuild/protobuf descriptors built at run time from our .proto files, as Confluent's serdes expect. */
export function bufbuildDescriptor(protoFile: string, typeName: string): DescMessage {
  const text = readFileSync(path.resolve(__dirname, '..', 'proto', protoFile), 'utf8');
  const { set, file } = describe(text);
  file.name = protoFile;
  const bytes = FileDescriptorSet.encode(set).finish();
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
  const message = registry.getMessage(typeName);
  if (!message) throw new Error(`${typeName} not found in ${protoFile}`);
  return message;
}
