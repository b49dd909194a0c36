import { optionalIdempotencyKey, requiredIdempotencyKey } from '../idempotency-key';

describe('the Idempotency-Key header', () => {
  it('accepts 1 to 255 visible ASCII characters', () => {
    expect(requiredIdempotencyKey('6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f')).toBe('6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f');
    expect(requiredIdempotencyKey('order-42:attempt-1')).toBe('order-42:attempt-1');
    expect(requiredIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it.each([undefined, ''])('is required where the request must be safe to retry (%p)', (key) => {
    expect(() => requiredIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'REQUEST.IDEMPOTENCY_KEY_REQUIRED', kind: 'invalid' }));
  });

  it.each(['   ', 'with space', 'x'.repeat(256), 'ümlaut', 'naïve'])('refuses %p', (key) => {
    expect(() => requiredIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'REQUEST.IDEMPOTENCY_KEY_INVALID', kind: 'invalid' }));
    expect(() => optionalIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'REQUEST.IDEMPOTENCY_KEY_INVALID' }));
  });

  it('is optional elsewhere: absent means the request is not idempotent', () => {
    expect(optionalIdempotencyKey(undefined)).toBeUndefined();
    expect(optionalIdempotencyKey('')).toBeUndefined();
    expect(optionalIdempotencyKey('k-1')).toBe('k-1');
  });
});
