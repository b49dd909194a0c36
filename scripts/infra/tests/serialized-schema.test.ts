import { create, createFileRegistry, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { serializedSchema, UnsupportedSchemaError } from '../serialized-schema';

const schema = `syntax = "proto3";
package shop.v1;

message Basket {
  string id = 1;
  repeated Line lines = 2;
  map<string, Line> by_sku = 3;
  map<string, int64> counts = 4;
  Status status = 5;
  message Line { string sku = 1; Money price = 2; }
  oneof origin { Web web = 10; Store store = 11; }
}
message Money { int64 cents = 1; string currency = 2; }
message Web { string url = 1; }
message Store { string code = 1; }
enum Status { STATUS_UNSPECIFIED = 0; OPEN = 1; }
`;

function descriptorOf(text: string) {
  return fromBinary(FileDescriptorProtoSchema, Buffer.from(serializedSchema(text), 'base64'));
}

describe("the registry front's format=serialized", () => {
  it('is a FileDescriptorProto that Confluent clients can build message types from', () => {
    const file = descriptorOf(schema);
    expect(file.package).toBe('shop.v1');
    const basket = createFileRegistry(file, () => undefined).getMessage('shop.v1.Basket')!;
    const message = create(basket, {
      id: 'b1',
      lines: [{ sku: 'tea', price: { cents: 250n, currency: 'EUR' } }],
      bySku: { tea: { sku: 'tea' } },
      counts: { tea: 3n },
      status: 1,
      origin: { case: 'store', value: { code: 'S1' } },
    } as never);
    const back = fromBinary(basket, toBinary(basket, message)) as unknown as Record<string, unknown>;
    expect(back).toMatchObject({ id: 'b1', status: 1, counts: { tea: 3n }, origin: { case: 'store', value: { code: 'S1' } } });
    expect(back.lines).toMatchObject([{ sku: 'tea', price: { cents: 250n, currency: 'EUR' } }]);
  });

  it('names every field type in full, as protoc does', () => {
    const names = (messages: ReturnType<typeof descriptorOf>['messageType']): string[] =>
      messages.flatMap((m) => [...m.field.map((f) => f.typeName).filter(Boolean), ...names(m.nestedType)]);
    expect(new Set(names(descriptorOf(schema).messageType))).toEqual(
      new Set(['.shop.v1.Basket.Line', '.shop.v1.Basket.BySkuEntry', '.shop.v1.Basket.CountsEntry', '.shop.v1.Status', '.shop.v1.Money', '.shop.v1.Web', '.shop.v1.Store']),
    );
  });

  it('passes a schema registered as a base64 descriptor through unchanged', () => {
    const serialized = serializedSchema(schema);
    expect(serializedSchema(serialized)).toBe(serialized);
  });

  it('refuses a schema that does not parse', () => {
    expect(() => serializedSchema('syntax = "proto3"; message {')).toThrow(UnsupportedSchemaError);
  });
});
