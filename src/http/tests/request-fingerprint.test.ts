import { canonicalJson, requestFingerprint } from '../request-fingerprint';

describe('the fingerprint of a request body', () => {
  const body = {
    items: [{ productId: 'a', quantity: 1 }],
    shippingAddress: { name: 'Ann', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    paymentMethod: { type: 'card', token: 'tok_visa' },
  };

  it('does not depend on the order of object keys', () => {
    const reordered = {
      paymentMethod: { token: 'tok_visa', type: 'card' },
      shippingAddress: { country: 'DE', postalCode: '10115', city: 'Berlin', line1: 'Main St 1', name: 'Ann' },
      items: [{ quantity: 1, productId: 'a' }],
    };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
  });

  it('treats an undefined field as absent', () => {
    expect(requestFingerprint({ ...body, shippingAddress: { ...body.shippingAddress, line2: undefined } })).toBe(requestFingerprint(body));
  });

  it('changes with any value', () => {
    expect(requestFingerprint({ ...body, items: [{ productId: 'a', quantity: 2 }] })).not.toBe(requestFingerprint(body));
    expect(requestFingerprint({ ...body, paymentMethod: { type: 'card', token: 'tok_mastercard' } })).not.toBe(requestFingerprint(body));
    expect(requestFingerprint({ amountCents: 100 })).not.toBe(requestFingerprint({}));
  });

  it('keeps array order (callers sort arrays whose order means nothing)', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('is a SHA-256 hex digest that does not contain the body (a card token stays out of storage)', () => {
    expect(requestFingerprint(body)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint(body)).not.toContain('tok_visa');
  });
});
