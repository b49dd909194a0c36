import { DomainError } from '../../../src/errors/domain-error';
import { optionalIdempotencyKey, validIdempotencyKey } from '../domain/idempotency-key';
import { requestFingerprint } from '../domain/request-fingerprint';

describe('request fingerprints for idempotency', () => {
  const body = { orderId: 'a8a0c0e2-3c39-4c4c-9d6a-1f0e2b6f7d10', paymentMethod: { type: 'card', token: 'tok_visa' } };

  it('is the same for the same body, whatever the key order', () => {
    const reordered = { paymentMethod: { token: 'tok_visa', type: 'card' }, orderId: body.orderId };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
  });

  it('differs when any value differs', () => {
    expect(requestFingerprint({ ...body, paymentMethod: { type: 'card', token: 'tok_mastercard' } })).not.toBe(
      requestFingerprint(body),
    );
    expect(requestFingerprint({ amountCents: 100 })).not.toBe(requestFingerprint({ amountCents: 101 }));
    expect(requestFingerprint({ amountCents: 100 })).not.toBe(requestFingerprint({}));
  });

  it('does not contain the card token', () => {
    expect(requestFingerprint(body)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint(body)).not.toContain('tok_visa');
  });
});

describe('Idempotency-Key header values', () => {
  it('accepts 1 to 255 visible ASCII characters', () => {
    expect(validIdempotencyKey('order-42:attempt-1')).toBe('order-42:attempt-1');
    expect(validIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it.each([[undefined], [''], ['   '], ['x'.repeat(256)], ['with space'], ['naïve']])('refuses %p', (key) => {
    expect(() => validIdempotencyKey(key)).toThrow(DomainError);
  });

  it('allows an absent optional key but not a malformed one', () => {
    expect(optionalIdempotencyKey(undefined)).toBeUndefined();
    expect(() => optionalIdempotencyKey('')).toThrow(DomainError);
  });
});
