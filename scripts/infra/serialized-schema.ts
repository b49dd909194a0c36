import protobuf from 'protobufjs';
import * as descriptor from 'protobufjs/ext/descriptor';

const { FileDescriptorProto } = descriptor as unknown as Record<string, protobuf.Type>;

export class UnsupportedSchemaError extends Error {}

interface MessageDescriptor {
  name: string;
  field?: { name: string; typeName?: string }[];
  nestedType?: MessageDescriptor[];
  options?: { mapEntry?: boolean };
}

interface FileDescriptor {
  name?: string;
  package?: string;
  messageType?: MessageDescriptor[];
}

/**
 * A protobuf schema in Confluent's `format=serialized`: a base64 FileDescriptorProto. A schema a client
 * registered in that form already (Confluent's Python and .NET serializers do) is returned as it is.
 */
export function serializedSchema(schema: string): string {
  if (isBase64Descriptor(schema)) return schema;
  return Buffer.from(FileDescriptorProto.encode(fileDescriptor(schema) as unknown as protobuf.Message).finish()).toString('base64');
}

function isBase64Descriptor(schema: string): boolean {
  return /^[A-Za-z0-9+/]+=*$/.test(schema.trim());
}

export function fileDescriptor(protoText: string): FileDescriptor {
  let root: protobuf.Root;
  try {
    root = protobuf.parse(protoText, { keepCase: true }).root;
    root.resolveAll();
  } catch (error) {
    throw new UnsupportedSchemaError(`the registered protobuf schema does not parse: ${(error as Error).message}`);
  }
  const file = (root as unknown as { toDescriptor(syntax: string): { file: FileDescriptor[] } }).toDescriptor('proto3').file[0];
  file.name ||= 'schema.proto';
  qualifyTypeNames(root, file.package ? `.${file.package}` : '', file.messageType ?? []);
  return file;
}

/**
 * protobufjs names field types relative to their scope and map entries after the bare field; a
 * FileDescriptorProto names types in full and map entries `<FieldName>Entry`, as protoc does.
 */
function qualifyTypeNames(root: protobuf.Root, scope: string, messages: MessageDescriptor[]): void {
  for (const message of messages) {
    const fullName = `${scope}.${message.name}`;
    const type = root.lookupType(fullName);
    const nested = message.nestedType ?? [];
    for (const field of message.field ?? []) {
      if (!field.typeName) continue;
      const resolved = type.fields[field.name].resolvedType;
      const mapEntry = nested.find((candidate) => candidate.options?.mapEntry && candidate.name === field.typeName);
      if (mapEntry) {
        mapEntry.name = `${pascalCase(field.name)}Entry`;
        field.typeName = `${fullName}.${mapEntry.name}`;
        const value = mapEntry.field?.find((entryField) => entryField.name === 'value');
        if (value?.typeName) value.typeName = resolved!.fullName;
      } else {
        field.typeName = resolved!.fullName;
      }
    }
    qualifyTypeNames(root, fullName, nested.filter((candidate) => !candidate.options?.mapEntry));
  }
}

function pascalCase(fieldName: string): string {
  return fieldName.replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()).replace(/^[a-z]/, (first) => first.toUpperCase());
}
