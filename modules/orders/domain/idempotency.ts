import { createHash } from 'node:crypto';
import { invalid } from '../../../src/errors/domain-error';
import { OrderErrors } from './orders.errors';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** An Idempotency-Key header value: 1–255 visible ASCII characters (a UUID is typical). */
export function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key.trim() === '') {
    throw invalid(OrderErrors.IDEMPOTENCY_KEY_REQUIRED, 'Placing an order requires an Idempotency-Key header');
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid(OrderErrors.IDEMPOTENCY_KEY_INVALID, 'The Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

/**
 * A stable fingerprint of a request body: object keys sorted, absent and undefined fields dropped,
 * so the same request sent by another client library (different key order) hashes the same.
 * Array order is kept: callers normalise arrays whose order carries no meaning before hashing.
 */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
