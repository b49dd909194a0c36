import { randomUUID } from 'node:crypto';
import type { DomainError } from '../../../src/errors/domain-error';
import { encodeCursor } from '../domain/product-cursor';
import { parseProductListQuery } from '../domain/product-list-query';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return ((error as DomainError).details.fields ?? []).map((f) => f.field);
  }
  throw new Error('expected the query to be rejected');
}

describe('parsing the product list query', () => {
  it('defaults to the newest 20 products', () => {
    expect(parseProductListQuery({})).toEqual({
      search: undefined,
      category: undefined,
      minPrice: undefined,
      maxPrice: undefined,
      inStock: undefined,
      options: [],
      sort: '-createdAt',
      limit: 20,
      after: undefined,
    });
  });

  it('trims the search and treats blanks as absent', () => {
    expect(parseProductListQuery({ q: '  sourdough bread ', category: ' ' })).toMatchObject({ search: 'sourdough bread', category: undefined });
  });

  it('decodes a cursor for the requested sort', () => {
    const id = randomUUID();
    const cursor = encodeCursor({ sort: 'price', key: 250, id });
    expect(parseProductListQuery({ sort: 'price', cursor }).after).toEqual({ sort: 'price', key: 250, id });
  });

  it('reports every bad parameter at once', () => {
    expect(problemsOf(() => parseProductListQuery({ sort: 'best', limit: 0, minPrice: -5, q: 'x'.repeat(201) }))).toEqual([
      'sort',
      'limit',
      'minPrice',
      'q',
    ]);
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ maxPrice: 1.25 }, 'maxPrice'],
    [{ minPrice: 500, maxPrice: 100 }, 'minPrice'],
  ])('rejects %j', (input, field) => {
    expect(problemsOf(() => parseProductListQuery(input))).toEqual([field]);
  });
});
