/**
 * The local schema registry's front door: Confluent's REST API at the plain path (http://localhost:8081),
 * served by Apicurio Registry behind it (its Confluent-compatibility API, persistent storage).
 *
 * It forwards every request unchanged except one that Apicurio 3.3.3 gets wrong and Confluent's serdes rely
 * on: `format=serialized` for a protobuf schema must answer a base64 FileDescriptorProto, and Apicurio
 * answers the raw descriptor bytes inside a JSON string (lossy; upstream issue apicurio-registry#7066).
 * Here the front asks Apicurio for the registered .proto text and serializes it itself, so any Confluent
 * client works against the local stack unmodified. Compose runs Confluent's own registry instead.
 *
 * Started by scripts/infra.sh (REGISTRY_PORT, REGISTRY_UPSTREAM); not part of the application.
 */
import http from 'node:http';
import { serializedSchema, UnsupportedSchemaError } from './serialized-schema';

const port = Number(process.env.REGISTRY_PORT ?? 8081);
const upstream = required('REGISTRY_UPSTREAM').replace(/\/+$/, '');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

interface SchemaResponse {
  schema?: unknown;
  schemaType?: unknown;
  references?: unknown[];
}

function isProtobufSchema(body: unknown): body is SchemaResponse & { schema: string } {
  const candidate = body as SchemaResponse | null;
  return typeof candidate === 'object' && candidate !== null && candidate.schemaType === 'PROTOBUF' && typeof candidate.schema === 'string';
}

/** Error bodies in Confluent's shape, so clients report them as registry errors. */
function sendError(res: http.ServerResponse, status: number, errorCode: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
  res.end(JSON.stringify({ error_code: errorCode, message }));
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://front');
  const serialized = url.searchParams.get('format') === 'serialized';
  // Apicurio's own answer to format=serialized is the defect; its default format is the registered text.
  if (serialized) url.searchParams.delete('format');
  const body = await readBody(req);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'accept', 'authorization']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await fetch(`${upstream}${url.pathname}${url.search}`, {
    method: req.method,
    headers,
    body: body.length > 0 ? body : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  let text = await answer.text();
  if (serialized && answer.ok) {
    const parsed: unknown = JSON.parse(text);
    if (isProtobufSchema(parsed)) {
      if ((parsed.references ?? []).length > 0) {
        sendError(res, 501, 50101, 'format=serialized for protobuf schemas with references is not supported by the local registry');
        return;
      }
      text = JSON.stringify({ ...parsed, schema: serializedSchema(parsed.schema) });
    }
  }
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/vnd.schemaregistry.v1+json' });
  res.end(text);
}

const server = http.createServer((req, res) => {
  forward(req, res).catch((error: unknown) => {
    if (error instanceof UnsupportedSchemaError) {
      sendError(res, 422, 42201, error.message);
      return;
    }
    console.error(`registry front: ${req.method} ${req.url}:`, error);
    if (!res.headersSent) sendError(res, 502, 50201, 'the local registry behind the front did not answer');
    else res.destroy();
  });
});

server.listen(port, () => console.log(`registry front on :${port}, forwarding to ${upstream}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
