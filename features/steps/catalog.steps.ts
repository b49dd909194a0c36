import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { MartWorld } from '../support/world';

interface CatalogEntry {
  id: string;
  name: string;
}

function category(world: MartWorld): string {
  const name = world.remembered.get('catalog:category');
  assert.ok(typeof name === 'string', 'no category was set up in this scenario');
  return name;
}

function productId(world: MartWorld, productName: string): string {
  const product = world.remembered.get(`catalog:product:${productName}`) as CatalogEntry | undefined;
  assert.ok(product, `no product "${productName}" was listed in this scenario`);
  return product.id;
}

function seen(world: MartWorld): string[] {
  return (world.remembered.get('catalog:seen') as string[] | undefined) ?? [];
}

async function browse(world: MartWorld, query: Record<string, string | number>): Promise<{ items: CatalogEntry[]; nextCursor: string | null }> {
  const search = new URLSearchParams({ category: category(world), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  const response = await world.request('GET', `/products?${search}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

Given('{string} lists these products in a fresh category:', async function (this: MartWorld, admin: string, table: DataTable) {
  const fresh = `Bakery ${randomUUID().slice(0, 8)}`;
  this.remembered.set('catalog:category', fresh);
  for (const row of table.hashes()) {
    const response = await this.request('POST', '/products', {
      as: admin,
      body: {
        sku: `CAT-${randomUUID().slice(0, 12)}`,
        name: row.name,
        description: row.description,
        priceMinor: Number(row.priceCents),
        currency: 'EUR',
        category: fresh,
      },
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    this.remembered.set(`catalog:product:${row.name}`, { id: response.body.id, name: row.name });
  }
});

When('a visitor searches the category for {string}', async function (this: MartWorld, words: string) {
  const page = await browse(this, { q: words, sort: 'name' });
  this.remembered.set('catalog:seen', page.items.map((p) => p.name));
});

When(
  'a visitor browses the category from {int} to {int} cents, sorted by {string}',
  async function (this: MartWorld, minPrice: number, maxPrice: number, sort: string) {
    const page = await browse(this, { minPrice, maxPrice, sort });
    this.remembered.set('catalog:seen', page.items.map((p) => p.name));
  },
);

When('a visitor browses the category {int} products per page', async function (this: MartWorld, limit: number) {
  const names: string[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page: { items: CatalogEntry[]; nextCursor: string | null } = await browse(this, { limit, ...(cursor ? { cursor } : {}) });
    pages += 1;
    names.push(...page.items.map((p) => p.name));
    cursor = page.nextCursor;
  } while (cursor);
  this.remembered.set('catalog:seen', names);
  this.remembered.set('catalog:pages', pages);
});

Then('the visitor sees, in this order: {string}', function (this: MartWorld, expected: string) {
  assert.deepEqual(seen(this), expected.split(',').map((name) => name.trim()));
});

Then('the visitor has seen {int} pages with every product once', function (this: MartWorld, pages: number) {
  assert.equal(this.remembered.get('catalog:pages'), pages);
  const listed = [...this.remembered.keys()].filter((key) => key.startsWith('catalog:product:')).map((key) => key.slice(16));
  assert.deepEqual([...seen(this)].sort(), listed.sort());
});

async function openForEditing(world: MartWorld, admin: string, productName: string): Promise<void> {
  const response = await world.request('GET', `/products/${productId(world, productName)}`, { as: admin });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  world.remembered.set(`catalog:etag:${admin}:${productName}`, response.headers.get('etag'));
}

async function savePrice(world: MartWorld, admin: string, productName: string, priceCents: number): Promise<void> {
  const etag = world.remembered.get(`catalog:etag:${admin}:${productName}`) as string;
  await world.request('PATCH', `/products/${productId(world, productName)}`, {
    as: admin,
    headers: { 'If-Match': etag },
    body: { priceMinor: priceCents },
  });
}

When('{string} changes the price of {string} to {int} cents', async function (this: MartWorld, admin: string, productName: string, priceCents: number) {
  await openForEditing(this, admin, productName);
  await savePrice(this, admin, productName, priceCents);
  assert.equal(this.response?.status, 200, JSON.stringify(this.response?.body));
});

Given('{string} and {string} both open {string} for editing', async function (this: MartWorld, first: string, second: string, productName: string) {
  await openForEditing(this, first, productName);
  await openForEditing(this, second, productName);
});

When('{string} saves the price {int} cents for {string}', async function (this: MartWorld, admin: string, priceCents: number, productName: string) {
  await savePrice(this, admin, productName, priceCents);
});

Then('a visitor sees {string} at {int} cents', async function (this: MartWorld, productName: string, priceCents: number) {
  const response = await this.request('GET', `/products/${productId(this, productName)}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.priceMinor, priceCents);
});

When('{string} archives {string}', async function (this: MartWorld, admin: string, productName: string) {
  await this.request('DELETE', `/products/${productId(this, productName)}`, { as: admin });
});

Then('{string} is no longer in the catalogue', async function (this: MartWorld, productName: string) {
  const id = productId(this, productName);
  const page = await browse(this, { limit: 100 });
  assert.ok(!page.items.some((p) => p.id === id), `${productName} is still listed`);
  const direct = await this.request('GET', `/products/${id}`);
  assert.equal(direct.status, 404);
});

When('a visitor tries to add a product', async function (this: MartWorld) {
  await this.request('POST', '/products', {
    body: { sku: 'VISITOR-1', name: 'Free lunch', description: '', priceMinor: 0, currency: 'EUR', category: 'Pantry' },
  });
});
