import { createHash } from 'node:crypto';

/**
 * A stable digest of a request body, so that a repeated Idempotency-Key can be told apart from a reused one
 * without storing the body (which may carry a card token). Object keys are sorted and undefined fields
 * dropped, so the same request from another client library hashes the same; array order is kept, so callers
 * sort arrays whose order carries no meaning first.
 */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
