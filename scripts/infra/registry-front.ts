/**
 * The local schema registry's front door: Confluent's REST API at the plain path (http://localhost:8081),
 * served by Apicurio Registry behind it (its Confluent-compatibility API, persistent storage).
 *
 * It forwards every request unchanged except one that Apicurio 3.3.3 gets wrong and Confluent's serdes rely
 * on: `format=serialized` for a protobuf schema must answer a base64 FileDescriptorProto, and Apicurio
 * answers the raw descriptor bytes inside a JSON string (lossy; upstream issue apicurio-registry#7066).
 * Here the front asks Apicurio for the registered .proto text and serializes it itself, so any Confluent
 * client works against the local stack unmodified.
 *
 * It is also the registry's guard: it listens on 127.0.0.1 unless told otherwise, forwards only the Confluent
 * API's routes (`registry-routes.ts`), caps request bodies, and lets only the relay's principal change anything.
 * Compose puts it in front of Confluent's own registry for that guard.
 *
 * Started by scripts/infra.sh and compose (REGISTRY_PORT, REGISTRY_HOST, REGISTRY_UPSTREAM,
 * REGISTRY_WRITER_CREDENTIALS_FILE); not part of the application.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { registryAccess, writerMayChange } from './registry-routes';
import { serializedSchema, UnsupportedSchemaError } from './serialized-schema';

const port = Number(process.env.REGISTRY_PORT ?? 8081);
// Loopback unless told otherwise (compose runs the front in a container of its own: REGISTRY_HOST=0.0.0.0).
const host = process.env.REGISTRY_HOST ?? '127.0.0.1';
const upstream = required('REGISTRY_UPSTREAM').replace(/\/+$/, '');
const MAX_BODY_BYTES = 1024 * 1024;
const WRITER = 'mart-relay';
const writerPassword = readWriterPassword(process.env.REGISTRY_WRITER_CREDENTIALS_FILE);

/** The relay's password from the Kafka credentials file: without one, nobody may change the registry. */
function readWriterPassword(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { passwords?: Record<string, string> };
    return parsed.passwords?.[WRITER];
  } catch {
    return undefined;
  }
}

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

class BodyTooLargeError extends Error {}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://front');
  const access = registryAccess(req.method ?? 'GET', url.pathname);
  if (access === 'refused') {
    // Confluent's clients probe newer routes with GET and fall back on a 404.
    if (req.method === 'GET') sendError(res, 404, 40401, `${url.pathname} is not served by this registry`);
    else sendError(res, 405, 405, `${req.method} ${url.pathname} is not served by this registry`);
    return;
  }
  if (access === 'write' && !writerMayChange(req.headers.authorization, WRITER, writerPassword)) {
    res.setHeader('www-authenticate', 'Basic realm="schema registry"');
    sendError(res, 401, 40101, 'only the relay may change schemas');
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    sendError(res, 413, 41301, `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    return;
  }
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
    if (error instanceof BodyTooLargeError) {
      sendError(res, 413, 41301, `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      return;
    }
    if (error instanceof UnsupportedSchemaError) {
      sendError(res, 422, 42201, error.message);
      return;
    }
    console.error(`registry front: ${req.method} ${req.url}:`, error);
    if (!res.headersSent) sendError(res, 502, 50201, 'the local registry behind the front did not answer');
    else res.destroy();
  });
});

server.listen(port, host, () => console.log(`registry front on ${host}:${port}, forwarding to ${upstream}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
