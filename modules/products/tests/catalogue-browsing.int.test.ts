import { StockItemStream } from '../../../proto/streams';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { signIn } from '../../../test/signed-in';
import { publishUpstream } from '../../../test/upstream-event';

interface Listed {
  id: string;
  name: string;
  priceCents: number;
}

describe('visitors browse the catalogue', () => {
  let stack: TestStack;
  let admin: string;
  const run = randomUUID().slice(0, 8);
  const category = `Bakery ${run}`;
  const otherCategory = `Dairy ${run}`;
  const created: Listed[] = [];

  const api = () => request(stack.baseUrl);
  const list = async (query: Record<string, unknown>) => (await api().get('/products').query(query).expect(200)).body;

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['products'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
    const products = [
      { name: 'Sourdough loaf', description: 'Slow fermented wheat bread', priceCents: 450 },
      { name: 'Rye bread', description: 'Dark and dense', priceCents: 380 },
      { name: 'Croissant', description: 'Butter pastry, baked every morning', priceCents: 150 },
      { name: 'Baguette', description: 'French classic', priceCents: 150 },
      { name: 'Apple turnover', description: 'Pastry filled with apples', priceCents: 220 },
      { name: 'Cinnamon bun', description: 'Sweet swirl', priceCents: 150 },
      { name: 'Brioche', description: 'Soft enriched bread', priceCents: 510 },
    ];
    for (const [index, product] of products.entries()) {
      const { body } = await api()
        .post('/products')
        .set('Authorization', admin)
        .send({ ...product, sku: `B-${run}-${index}`, currency: 'EUR', category })
        .expect(201);
      created.push(body);
    }
    await api()
      .post('/products')
      .set('Authorization', admin)
      .send({ sku: `D-${run}`, name: 'Whole milk', description: 'Fresh', priceCents: 119, currency: 'EUR', category: otherCategory })
      .expect(201);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('lists newest first by default', async () => {
    const page = await list({ category, limit: 100 });
    expect(page.items.map((p: Listed) => p.id)).toEqual(created.map((p) => p.id).reverse());
    expect(page.nextCursor).toBeNull();
  });

  it('sorts by price both ways and by name', async () => {
    const ascending = (await list({ category, sort: 'price', limit: 100 })).items.map((p: Listed) => p.priceCents);
    expect(ascending).toEqual([150, 150, 150, 220, 380, 450, 510]);
    const descending = (await list({ category, sort: '-price', limit: 100 })).items.map((p: Listed) => p.priceCents);
    expect(descending).toEqual([510, 450, 380, 220, 150, 150, 150]);
    const names = (await list({ category, sort: 'name', limit: 100 })).items.map((p: Listed) => p.name);
    expect(names).toEqual(['Apple turnover', 'Baguette', 'Brioche', 'Cinnamon bun', 'Croissant', 'Rye bread', 'Sourdough loaf']);
  });

  it.each(['-createdAt', 'price', '-price', 'name'])('pages through every product exactly once when sorted by %s', async (sort) => {
    const all = (await list({ category, sort, limit: 100 })).items.map((p: Listed) => p.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ category, sort, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((p: Listed) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('finds products by words in their name or description, with stemming', async () => {
    const bread = (await list({ category, q: 'bread', sort: 'name' })).items.map((p: Listed) => p.name);
    expect(bread).toEqual(['Brioche', 'Rye bread', 'Sourdough loaf']);
    const apples = (await list({ category, q: 'apple' })).items.map((p: Listed) => p.name);
    expect(apples).toEqual(['Apple turnover']);
    const excluded = (await list({ category, q: 'pastry -butter' })).items.map((p: Listed) => p.name);
    expect(excluded).toEqual(['Apple turnover']);
    expect((await list({ category, q: 'caviar' })).items).toEqual([]);
  });

  it('filters by price range and category', async () => {
    const range = (await list({ category, minPrice: 200, maxPrice: 450, sort: 'price' })).items.map((p: Listed) => p.priceCents);
    expect(range).toEqual([220, 380, 450]);
    const milk = (await list({ category: otherCategory })).items.map((p: Listed) => p.name);
    expect(milk).toEqual(['Whole milk']);
  });

  it('filters by availability', async () => {
    const croissant = created[2];
    await publishUpstream(stack, StockItemStream, croissant.id, 'stockLevelChanged', { productId: croissant.id, onHand: 12, reserved: 0, available: 12, version: 2 });
    await waitFor('the croissant to be listed in stock', async () =>
      (await list({ category, inStock: true })).items.some((p: Listed) => p.id === croissant.id),
    );
    expect((await list({ category, inStock: true })).items.map((p: Listed) => p.name)).toEqual(['Croissant']);
    expect((await list({ category, inStock: false })).items).toHaveLength(6);
  });

  it('counts listed products per category', async () => {
    const { body } = await api().get('/categories').expect(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        { name: category, productCount: 7 },
        { name: otherCategory, productCount: 1 },
      ]),
    );
  });

  it.each([
    ['a cursor that is not ours', { cursor: 'bm9wZQ' }, 'PRODUCTS.INVALID_CURSOR'],
    ['a page size of zero', { limit: 0 }, 'REQUEST.VALIDATION_FAILED'],
    ['a page size over 100', { limit: 101 }, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown sort', { sort: 'popularity' }, 'REQUEST.VALIDATION_FAILED'],
    ['a fractional price', { minPrice: 1.5 }, 'REQUEST.VALIDATION_FAILED'],
    ['an inverted price range', { minPrice: 500, maxPrice: 100 }, 'PRODUCTS.INVALID_QUERY'],
    ['a non-boolean stock filter', { inStock: 'maybe' }, 'REQUEST.VALIDATION_FAILED'],
  ])('rejects %s with a 400 problem', async (_case, query, code) => {
    const response = await api().get('/products').query(query).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe(code);
  });

  it('rejects a cursor made for another sort order', async () => {
    const { nextCursor } = await list({ category, sort: 'price', limit: 1 });
    const response = await api().get('/products').query({ category, sort: 'name', cursor: nextCursor }).expect(400);
    expect(response.body.code).toBe('PRODUCTS.INVALID_CURSOR');
  });
});
