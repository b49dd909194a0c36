import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../project-root';

type Schema = { type?: string; format?: string; $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema> };

const document = JSON.parse(readFileSync(join(projectRoot(), 'src/http/generated/swagger.json'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};
const schemas = document.components.schemas;
const properties = Object.entries(schemas).flatMap(([name, schema]) =>
  Object.entries(schema.properties ?? {}).map(([property, value]) => ({ at: `${name}.${property}`, property, value })),
);

function resolved(schema: Schema): Schema {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref ? resolved(schemas[ref.replace('#/components/schemas/', '')]) : schema;
}

describe('the OpenAPI document', () => {
  it('types every amount of money as a 64-bit integer, so generated clients never hold money in a float', () => {
    const amounts = properties.filter(({ property }) => /(Cents|Minor)$/.test(property));
    expect(amounts.length).toBeGreaterThan(15);
    const notLong = amounts.filter(({ value }) => resolved(value).type !== 'integer' || resolved(value).format !== 'int64');
    expect(notLong.map(({ at }) => at)).toEqual([]);
  });

  it('has no floating-point numbers at all: every count, quantity and amount Mart returns is whole', () => {
    const floats = properties.filter(({ value }) => resolved(value).type === 'number');
    expect(floats.map(({ at }) => at)).toEqual([]);
  });
});
