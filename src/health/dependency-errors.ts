/** The services a Mart process needs; while one is unreachable, work that needs it pauses and retries. */
export type Dependency = 'postgres' | 'kafka' | 'schema registry';

/** An error that means a dependency could not be reached, raised where the caller knows which one it was. */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(`${dependency} is unavailable: ${reasonOf(cause)}`, { cause });
    this.name = 'DependencyUnavailableError';
  }
}

// Socket errors node-postgres passes on as they are (kafkajs wraps its own, fetch wraps the registry's).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
// admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, in recovery), too_many_connections.
const POSTGRES_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const POSTGRES_CONNECTION_LOST =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|Client was closed and is not queryable/;
const KAFKA_UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
]);

/**
 * Which dependency an error says is unreachable, or undefined for any other failure (a bug, a refused
 * statement, a business rule): those keep their own handling (retries, dead letters, a 500).
 */
export function unavailableDependency(error: unknown): Dependency | undefined {
  if (error instanceof DependencyUnavailableError) return error.dependency;
  const e = error as { name?: string; code?: unknown; message?: unknown; nativeError?: unknown } | undefined;
  if (!e || typeof e !== 'object') return undefined;
  // Objection wraps the driver's error (DBError); the driver's code is what tells.
  if (e.nativeError && e.nativeError !== error) return unavailableDependency(e.nativeError);
  if (e.name === 'KnexTimeoutError') return 'postgres';
  if (typeof e.name === 'string' && e.name.startsWith('KafkaJS')) return isKafkaUnreachable(error) ? 'kafka' : undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || code.startsWith('08') || POSTGRES_UNAVAILABLE_STATES.has(code)) return 'postgres';
  if (typeof e.message === 'string' && POSTGRES_CONNECTION_LOST.test(e.message)) return 'postgres';
  return undefined;
}

function isKafkaUnreachable(error: unknown): boolean {
  for (let e = error as { name?: string; retriable?: boolean; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if ((e.name && KAFKA_UNREACHABLE.has(e.name)) || e.retriable === true) return true;
  }
  return false;
}

/** A one-line reason for a log line: the error's code or message, without its stack. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}`.slice(0, 300);
}
