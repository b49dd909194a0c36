import { invalid, unprocessable } from '../errors/domain-error';

/** Visible ASCII, 1 to 255 characters: a UUID is typical (draft-ietf-httpapi-idempotency-key-header). */
const KEY = /^[\x21-\x7e]{1,255}$/;
const FIELD = 'Idempotency-Key';

export const IdempotencyKeyErrors = {
  required: () =>
    invalid('REQUEST.IDEMPOTENCY_KEY_REQUIRED', 'This request requires an Idempotency-Key header', [{ field: FIELD, message: 'required' }]),
  invalid: () =>
    invalid('REQUEST.IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters', [
      { field: FIELD, message: 'must be 1 to 255 visible ASCII characters' },
    ]),
  reused: () =>
    unprocessable(
      'REQUEST.IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    ),
};

/** The Idempotency-Key of a request that must be safe to retry. */
export function requiredIdempotencyKey(header: string | undefined): string {
  const key = optionalIdempotencyKey(header);
  if (key === undefined) throw IdempotencyKeyErrors.required();
  return key;
}

/** Absent (or empty) means the request is not idempotent; present means it must be a valid key. */
export function optionalIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (!KEY.test(header)) throw IdempotencyKeyErrors.invalid();
  return header;
}

/** A repeated Idempotency-Key must come with the same request (by fingerprint); another request under it is refused. */
export function requireSameRequest(recordedFingerprint: string | null, fingerprint: string): void {
  if (recordedFingerprint !== fingerprint) throw IdempotencyKeyErrors.reused();
}
