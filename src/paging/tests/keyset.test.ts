import { randomUUID } from 'node:crypto';
import { Keyset, NEWEST_FIRST } from '../keyset';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a keyset cursor', () => {
  const orders = new Keyset('orders', NEWEST_FIRST);
  const id = randomUUID();
  const at = new Date('2026-11-24T10:11:12.345Z');

  it('round-trips the position of the last item of a page as an opaque URL-safe string', () => {
    const cursor = orders.cursor([at, id]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(orders.position(cursor)).toEqual([at, id]);
  });

  it('normalises an id to lower case', () => {
    expect(orders.position(raw(['orders', at.toISOString(), id.toUpperCase()]))).toEqual([at, id]);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['JSON of another shape', raw({ t: at.toISOString(), id })],
    ['a cursor of another list', new Keyset('payments', NEWEST_FIRST).cursor([at, id])],
    ['a time that is not a timestamp', raw(['orders', 'yesterday', id])],
    ['an id that is not a UUID', raw(['orders', at.toISOString(), '1; drop table'])],
    ['too few values', raw(['orders', at.toISOString()])],
  ])('reads %s as no position', (_case, cursor) => {
    expect(orders.position(cursor)).toBeUndefined();
    expect(() => orders.after(cursor, () => new Error('invalid cursor'))).toThrow('invalid cursor');
  });

  it('starts at the beginning without a cursor', () => {
    expect(orders.after(undefined, () => new Error('invalid cursor'))).toBeUndefined();
  });

  it('takes whole numbers and text where the list says so', () => {
    const byPrice = new Keyset('products:price', ['integer', 'text'] as const);
    expect(byPrice.position(byPrice.cursor([1999, 'Rye bread']))).toEqual([1999, 'Rye bread']);
    expect(byPrice.position(raw(['products:price', 19.99, 'Rye bread']))).toBeUndefined();
    expect(byPrice.position(raw(['products:price', '1999', 'Rye bread']))).toBeUndefined();
  });
});

describe('a keyset page', () => {
  const list = new Keyset('numbers', ['integer'] as const);
  const numbers = Array.from({ length: 7 }, (_, i) => i + 1);
  const read = (after: number | undefined) => async (rows: number) => numbers.filter((n) => after === undefined || n > after).slice(0, rows);

  it('reads one row more than the page and walks every item exactly once', async () => {
    const seen: number[] = [];
    const asked: number[] = [];
    let cursor: string | undefined;
    do {
      const after = list.after(cursor, () => new Error('invalid'))?.[0];
      const page = await list.page(3, (rows) => (asked.push(rows), read(after)(rows)), (n) => [n]);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(numbers);
    expect(asked).toEqual([4, 4, 4]);
  });

  it('has no next cursor when the last page is exactly full', async () => {
    const page = await list.page(7, read(undefined), (n) => [n]);
    expect(page).toEqual({ items: numbers, nextCursor: null });
  });
});
