import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from '../domain/product-cursor';

describe('product cursors', () => {
  const id = randomUUID();

  it.each([
    ['-createdAt', new Date('2026-11-25T10:11:12.345Z')],
    ['price', 0],
    ['-price', 1999],
    ['name', 'Rye bread'],
  ] as const)('round-trip the %s key', (sort, key) => {
    expect(decodeCursor(encodeCursor({ sort, key, id }), sort)).toEqual({ sort, key, id });
  });

  it('are opaque URL-safe strings', () => {
    expect(encodeCursor({ sort: 'name', key: 'Crème brûlée / 2', id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['JSON that is not ours', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify(['products:name', 'x', 'nope'])).toString('base64url')],
    ['a price key that is text', Buffer.from(JSON.stringify(['products:price', '10', id])).toString('base64url')],
    ['a negative price key', Buffer.from(JSON.stringify(['products:price', -1, id])).toString('base64url')],
    ['a date key that is not a timestamp', Buffer.from(JSON.stringify(['products:-createdAt', 'yesterday', id])).toString('base64url')],
  ])('reject %s', (_case, cursor) => {
    expect(() => decodeCursor(cursor, 'name')).toThrow(expect.objectContaining({ code: 'PRODUCTS.INVALID_CURSOR' }));
    expect(() => decodeCursor(cursor, 'price')).toThrow(expect.objectContaining({ code: 'PRODUCTS.INVALID_CURSOR' }));
    expect(() => decodeCursor(cursor, '-createdAt')).toThrow(expect.objectContaining({ code: 'PRODUCTS.INVALID_CURSOR' }));
  });

  it('reject a cursor made for another sort order', () => {
    const cursor = encodeCursor({ sort: 'price', key: 100, id });
    expect(() => decodeCursor(cursor, '-price')).toThrow(expect.objectContaining({ code: 'PRODUCTS.INVALID_CURSOR' }));
  });
});
