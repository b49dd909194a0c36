/**
 * The last step of generating the OpenAPI document (after `tsoa spec`), for what tsoa cannot express:
 * - error responses (4xx, 5xx) are served as application/problem+json (RFC 9457), so they are described so;
 * - `X | null` of a referenced schema is `allOf: [$ref]` + `nullable`, which OpenAPI 3.0 allows only with the
 *   `type` beside it: the referenced schema's type is copied there;
 * - a `$ref` with siblings (a property's description) becomes `allOf: [$ref]` with them, as 3.0 ignores siblings;
 * - a bodiless 204 beside 2xx responses with bodies is tsoa's default for a `void` method that answers through
 *   `@Res()` responders, which never send it: it is dropped;
 * - every operation may answer 503 SERVICE.BUSY when its module's connection pool is exhausted, or
 *   SERVICE.UNAVAILABLE while the database cannot be reached;
 * - a request or response body without a hand-written example gets one built from its schema (the `@example`s of
 *   its properties, else a plausible value for the property's name and format), so it always fits the schema.
 * Usage: tsx scripts/openapi-finish.ts <swagger.json>   (run by `npm run generate`)
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Json = Record<string, unknown>;
const file = process.argv[2] ?? 'src/http/generated/swagger.json';
const spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
const schemas = ((spec.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;

function typeOfRef(ref: string): string | undefined {
  const target = schemas[ref.replace('#/components/schemas/', '')];
  if (!target) return undefined;
  if (typeof target.type === 'string') return target.type;
  if (target.enum) return typeof (target.enum as unknown[])[0] === 'number' ? 'number' : 'string';
  return target.properties ? 'object' : undefined;
}

function finishSchema(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(finishSchema);
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  if (schema.nullable === true && schema.type === undefined) {
    const ref = (schema.allOf as Json[] | undefined)?.[0]?.$ref ?? schema.$ref;
    const type = typeof ref === 'string' ? typeOfRef(ref) : undefined;
    if (type) schema.type = type;
  }
  if (typeof schema.$ref === 'string' && Object.keys(schema).length > 1) {
    const { $ref, ...siblings } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { allOf: [{ $ref }], ...siblings });
  }
  Object.values(schema).forEach(finishSchema);
}

const SAMPLE_BY_NAME: Record<string, unknown> = {
  currency: 'EUR',
  sku: 'TEA-DJ-100',
  name: 'Darjeeling tea, 100 g',
  description: 'First flush, loose leaf',
  category: 'Tea',
  email: 'customer@example.com',
  password: 'a long enough password',
  currentPassword: 'a long enough password',
  newPassword: 'an even longer password',
  token: 'tok_visa',
  code: 'WELCOME10',
  promotionCode: 'WELCOME10',
  line1: '1 Market Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
  phone: '+4930123456',
  reason: 'restock',
  trackingNumber: 'TRACK-123456',
  refreshToken: 'rt_5f0c1f5e7f7a4a439b3c0a4f3f2f1e11',
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.signature',
  nextCursor: null,
};

function sample(schema: Json | undefined, name = '', depth = 0): unknown {
  if (!schema || depth > 20) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (typeof schema.$ref === 'string') return sample(schemas[schema.$ref.replace('#/components/schemas/', '')], name, depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => sample(part as Json, name, depth + 1));
    return parts.every((part) => part && typeof part === 'object' && !Array.isArray(part)) ? Object.assign({}, ...parts) : parts[0];
  }
  for (const key of ['oneOf', 'anyOf']) if (Array.isArray(schema[key])) return sample((schema[key] as Json[])[0], name, depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== null);
  const byName = SAMPLE_BY_NAME[name];
  if (typeof byName === 'string' && schema.type === 'string') return byName;
  if (byName === null && schema.nullable) return null;
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, sample(property, key, depth + 1) ?? null]));
    }
    case 'array':
      return [sample(schema.items as Json, name, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : name.endsWith('Cents') ? 1250 : 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time' || /At$/.test(name)) return '2026-12-01T12:00:00.000Z';
      if (/Url$/.test(name)) return 'https://cdn.example.com/tea.jpg';
      if (schema.format === 'uuid' || /(^id$|Id$)/.test(name)) return '5f0c1f5e-7f7a-4a43-9b3c-0a4f3f2f1e11';
      return name ? `${name} text` : 'text';
    default:
      return undefined;
  }
}

function addExamples(content: Record<string, Json> | undefined): void {
  for (const media of Object.values(content ?? {})) {
    if (media.example !== undefined || media.examples !== undefined || !media.schema) continue;
    const value = sample(media.schema as Json);
    if (value !== undefined) media.example = value;
  }
}

const BUSY =
  'SERVICE.BUSY: no database connection was free in time (overload), or SERVICE.UNAVAILABLE: the database cannot be reached (e.g. restarting); retry after Retry-After seconds';

/** Every operation can meet an exhausted pool or an unreachable database (src/http/problem-details.ts), which tsoa cannot know. */
function describeBusy(responses: Record<string, Json>): void {
  const existing = responses['503'];
  if (existing) {
    existing.description = `${String(existing.description)}; or ${BUSY}`;
    return;
  }
  responses['503'] = {
    description: BUSY,
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

finishSchema(spec.components);
for (const operations of Object.values((spec.paths ?? {}) as Record<string, Record<string, Json>>)) {
  for (const operation of Object.values(operations)) {
    const responses = (operation.responses ?? {}) as Record<string, Json>;
    const answersWithBodies = Object.entries(responses).some(([status, response]) => Number(status) < 300 && response.content);
    if (answersWithBodies && responses['204'] && !responses['204'].content) delete responses['204'];
    for (const [status, response] of Object.entries(responses)) {
      const content = response.content as Record<string, Json> | undefined;
      if (Number(status) >= 400 && content?.['application/json']) {
        content['application/problem+json'] = content['application/json'];
        delete content['application/json'];
      }
      finishSchema(content);
      if (Number(status) < 400) addExamples(content);
    }
    describeBusy(responses);
    finishSchema(operation.requestBody);
    addExamples((operation.requestBody as Json | undefined)?.content as Record<string, Json> | undefined);
    finishSchema(operation.parameters);
  }
}
writeFileSync(file, `${JSON.stringify(spec, null, '\t')}\n`);
