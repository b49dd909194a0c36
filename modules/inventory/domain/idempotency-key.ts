import { invalid } from '../../../src/errors/domain-error';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** An optional client-chosen key that makes retrying a request safe; printable ASCII, at most 200 characters. */
export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (!KEY.test(key)) {
    throw invalid('REQUEST.INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 printable ASCII characters without spaces');
  }
  return key;
}
