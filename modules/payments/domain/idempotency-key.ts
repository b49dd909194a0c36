import { PaymentErrors } from './payments.errors';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function validIdempotencyKey(key: string | undefined): string {
  const trimmed = key?.trim();
  if (!trimmed || !IDEMPOTENCY_KEY.test(trimmed)) throw PaymentErrors.idempotencyKeyInvalid();
  return trimmed;
}

/** An optional key: absent means the request is not idempotent, present means it must be valid. */
export function optionalIdempotencyKey(key: string | undefined): string | undefined {
  return key === undefined ? undefined : validIdempotencyKey(key);
}
