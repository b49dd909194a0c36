import { canonicalJson, requestHash, requireIdempotencyKey } from '../domain/idempotency';

describe('the fingerprint of an order request', () => {
  const body = {
    items: [{ productId: 'a', quantity: 1 }],
    shippingAddress: { name: 'Ann', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };

  it('does not depend on the order of object keys', () => {
    const reordered = {
      shippingAddress: { country: 'DE', postalCode: '10115', city: 'Berlin', line1: 'Main St 1', name: 'Ann' },
      items: [{ quantity: 1, productId: 'a' }],
    };
    expect(requestHash(reordered)).toBe(requestHash(body));
  });

  it('treats an undefined field as absent', () => {
    expect(requestHash({ ...body, shippingAddress: { ...body.shippingAddress, line2: undefined } })).toBe(requestHash(body));
  });

  it('changes with any value', () => {
    expect(requestHash({ ...body, items: [{ productId: 'a', quantity: 2 }] })).not.toBe(requestHash(body));
    expect(requestHash({ ...body, shippingAddress: { ...body.shippingAddress, city: 'Bonn' } })).not.toBe(requestHash(body));
  });

  it('keeps array order (callers sort arrays whose order means nothing)', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('is a SHA-256 hex digest', () => {
    expect(requestHash(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the Idempotency-Key header', () => {
  it.each([undefined, '', '   '])('is required (%p)', (key) => {
    expect(() => requireIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'ORDER.IDEMPOTENCY_KEY_REQUIRED', kind: 'invalid' }));
  });

  it.each(['with space', 'x'.repeat(256), 'ümlaut'])('must be 1–255 visible ASCII characters (%p)', (key) => {
    expect(() => requireIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'ORDER.IDEMPOTENCY_KEY_INVALID' }));
  });

  it('accepts a UUID', () => {
    expect(requireIdempotencyKey('6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f')).toBe('6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f');
  });
});
