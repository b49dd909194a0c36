import { decodeCursor, encodeCursor } from '../domain/order-cursor';

describe('order list cursors', () => {
  it('round-trip the position of the last order of a page', () => {
    const position = { createdAt: new Date('2026-11-24T10:11:12.345Z'), id: '6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['garbage', Buffer.from('{"t":"not a date","id":"6c0f8a3e-0b7c-4d5e-9f10-1a2b3c4d5e6f"}').toString('base64url'), Buffer.from('{"t":"2026-11-24T10:11:12.345Z","id":"1; drop table"}').toString('base64url')])(
    'reject a cursor this API did not issue (%p)',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'ORDERS.INVALID_CURSOR', kind: 'invalid' }));
    },
  );
});
