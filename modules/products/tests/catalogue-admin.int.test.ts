import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProductStream, StockItemStream } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { signIn } from '../../../test/signed-in';
import { publishUpstream } from '../../../test/upstream-event';

function amount(money: { amountMinor?: number | null; currency?: string | null } | null | undefined) {
  return { amountMinor: money?.amountMinor, currency: money?.currency };
}

describe('admins manage the catalogue', () => {
  let stack: TestStack;
  let admin: string;
  let customer: string;
  const run = randomUUID().slice(0, 8).toUpperCase();

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['products'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
    customer = `Bearer ${(await signIn(stack, 'customer')).token}`;
  });

  afterAll(async () => {
    await stack.stop();
  });

  const api = () => request(stack.baseUrl);
  const newProduct = (suffix: string, overrides: Record<string, unknown> = {}) => ({
    sku: `t-${run}-${suffix}`,
    name: `Organic apples ${suffix}`,
    description: 'Crisp and sweet',
    priceMinor: 349,
    currency: 'EUR',
    category: 'Fruit & Veg',
    ...overrides,
  });

  it('takes the price under its deprecated name priceCents too, answers both names, and refuses the two disagreeing', async () => {
    const { priceMinor: _current, ...withoutPrice } = newProduct('alias');
    const created = await api().post('/products').set('Authorization', admin).send({ ...withoutPrice, priceCents: 250 }).expect(201);
    expect(created.body).toMatchObject({ priceMinor: 250, priceCents: 250 });

    const changed = await api()
      .patch(`/products/${created.body.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"1"')
      .send({ priceMinor: 275, priceCents: 275 })
      .expect(200);
    expect(changed.body).toMatchObject({ priceMinor: 275, priceCents: 275 });

    const disagreeing = await api()
      .patch(`/products/${created.body.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"2"')
      .send({ priceMinor: 300, priceCents: 301 })
      .expect(400);
    expect(disagreeing.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'priceCents', message: 'differs from priceMinor' }] });
    const missing = await api().post('/products').set('Authorization', admin).send(newProduct('no-price', { priceMinor: undefined })).expect(400);
    expect(missing.body.errors).toContainEqual({ field: 'priceMinor', message: 'is required' });
    await api().get(`/products/${created.body.id}`).expect(200).expect((res) => expect(res.body.priceMinor).toBe(275));
  });

  it('creates a product with an ETag and a ProductCreated event', async () => {
    const response = await api().post('/products').set('Authorization', admin).send(newProduct('create')).expect(201);

    expect(response.body).toMatchObject({
      sku: `T-${run}-CREATE`,
      name: 'Organic apples create',
      priceCents: 349,
      currency: 'EUR',
      imageUrl: null,
      inStock: false,
      version: 1,
    });
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers.location).toBe(`/products/${response.body.id}`);
    const events = await outboxEvents(stack.db('products'), ProductStream);
    const created = events.find((e) => e.aggregateId === response.body.id);
    expect(created?.productCreated).toMatchObject({ productId: response.body.id, sku: `T-${run}-CREATE`, version: 1 });
    expect(amount(created!.productCreated!.price)).toEqual({ amountMinor: 349, currency: 'EUR' });
    await api().get(`/products/${response.body.id}`).expect(200).expect('ETag', '"1"');
  });

  it('refuses a second product with the same SKU', async () => {
    await api().post('/products').set('Authorization', admin).send(newProduct('dup')).expect(201);
    const response = await api()
      .post('/products')
      .set('Authorization', admin)
      .send(newProduct('DUP', { name: 'Another' }))
      .expect(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('PRODUCTS.SKU_TAKEN');
  });

  it.each([
    ['a negative price', { priceMinor: -1 }, 'priceMinor'],
    ['a fractional price', { priceMinor: 3.5 }, 'priceMinor'],
    ['a price given as text', { priceMinor: 'abc' }, 'priceMinor'],
    ['a negative price under its deprecated name', { priceMinor: undefined, priceCents: -1 }, 'priceCents'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a blank name', { name: '   ' }, 'name'],
    ['an image that is not a URL', { imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
    ['an SKU with spaces', { sku: 'A B' }, 'sku'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('rejects %s with a problem naming the field', async (_case, overrides, field) => {
    const response = await api().post('/products').set('Authorization', admin).send(newProduct(randomUUID().slice(0, 6), overrides)).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
  });

  it('lets only admins change the catalogue', async () => {
    await api().post('/products').send(newProduct('anon')).expect(401);
    const forbidden = await api().post('/products').set('Authorization', customer).send(newProduct('cust')).expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('updates a product at the version the admin read, and refuses a stale version', async () => {
    const { body: product } = await api().post('/products').set('Authorization', admin).send(newProduct('patch')).expect(201);

    const first = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"1"')
      .send({ priceCents: 299, name: 'Discounted apples' })
      .expect(200);
    expect(first.body).toMatchObject({ priceCents: 299, name: 'Discounted apples', version: 2, sku: product.sku });
    expect(first.headers.etag).toBe('"2"');

    const stale = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"1"')
      .send({ priceCents: 999 })
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'PRODUCTS.VERSION_MISMATCH', currentVersion: 2 });
    const { body: current } = await api().get(`/products/${product.id}`).expect(200);
    expect(current.priceCents).toBe(299);

    const viaBody = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .send({ imageUrl: 'https://cdn.example.com/apples.jpg', version: 2 })
      .expect(200);
    expect(viaBody.body).toMatchObject({ imageUrl: 'https://cdn.example.com/apples.jpg', version: 3 });

    const updates = (await outboxEvents(stack.db('products'), ProductStream)).filter(
      (e) => e.aggregateId === product.id && e.productUpdated,
    );
    expect(updates.map((e) => [e.productUpdated!.version, amount(e.productUpdated!.price).amountMinor])).toEqual([
      [2, 299],
      [3, 299],
    ]);
  });

  it('requires a version for an update and ignores a change that changes nothing', async () => {
    const { body: product } = await api().post('/products').set('Authorization', admin).send(newProduct('noversion')).expect(201);
    const missing = await api().patch(`/products/${product.id}`).set('Authorization', admin).send({ priceCents: 1 }).expect(400);
    expect(missing.body.code).toBe('PRODUCTS.VERSION_REQUIRED');
    const garbage = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .set('If-Match', 'yesterday')
      .send({ priceCents: 1 })
      .expect(400);
    expect(garbage.body.code).toBe('PRODUCTS.INVALID_IF_MATCH');
    const skuChange = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"1"')
      .send({ sku: 'OTHER' })
      .expect(400);
    expect(skuChange.body.code).toBe('REQUEST.VALIDATION_FAILED');

    const same = await api()
      .patch(`/products/${product.id}`)
      .set('Authorization', admin)
      .set('If-Match', '"1"')
      .send({ priceCents: product.priceCents })
      .expect(200);
    expect(same.body.version).toBe(1);
    const events = (await outboxEvents(stack.db('products'), ProductStream)).filter((e) => e.aggregateId === product.id);
    expect(events.map((e) => e.event)).toEqual(['productCreated', 'variantCreated']);
  });

  it('archives a product: it disappears for shoppers and cannot be changed, and archiving again is harmless', async () => {
    const { body: product } = await api().post('/products').set('Authorization', admin).send(newProduct('archive')).expect(201);

    await api().delete(`/products/${product.id}`).set('Authorization', admin).expect(204);
    await api().delete(`/products/${product.id}`).set('Authorization', admin).expect(204);

    const gone = await api().get(`/products/${product.id}`).expect(404);
    expect(gone.body.code).toBe('PRODUCTS.NOT_FOUND');
    const { body: listed } = await api().get('/products').query({ q: `archive`, category: 'Fruit & Veg', limit: 100 }).expect(200);
    expect(listed.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
    await api().patch(`/products/${product.id}`).set('Authorization', admin).set('If-Match', '"2"').send({ name: 'x' }).expect(404);
    const events = (await outboxEvents(stack.db('products'), ProductStream)).filter((e) => e.aggregateId === product.id);
    expect(events.map((e) => e.event)).toEqual(['productCreated', 'variantCreated', 'productArchived']);
    expect(events[2].productArchived).toMatchObject({ productId: product.id, sku: product.sku, version: 2 });
  });

  it('answers unknown or malformed product ids with 404 and 400 problems', async () => {
    const unknown = await api().get(`/products/${randomUUID()}`).expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const malformed = await api().get('/products/not-a-uuid').expect(400);
    expect(malformed.body.code).toBe('REQUEST.VALIDATION_FAILED');
    await api().delete(`/products/${randomUUID()}`).set('Authorization', admin).expect(404);
  });

  it('marks a product in stock once inventory has stock for it, and out of stock when it is gone, whatever order levels arrive in', async () => {
    const { body: product } = await api().post('/products').set('Authorization', admin).send(newProduct('stock')).expect(201);
    const level = (available: number, version: number) =>
      publishUpstream(stack, StockItemStream, product.id, 'stockLevelChanged', { productId: product.id, onHand: available, reserved: 0, available, version });

    await level(3, 2);
    await waitFor('the product to be in stock', async () => (await api().get(`/products/${product.id}`)).body.inStock === true);

    await level(0, 4);
    await waitFor('the product to be out of stock', async () => (await api().get(`/products/${product.id}`)).body.inStock === false);

    // A level older than the one applied changes nothing; the newer one after it is applied.
    await level(5, 3);
    await level(0, 5);
    await waitFor('the newest level', async () => (await stack.db('products')('variants').where({ id: product.id }).first()).stock_version === 5);
    expect((await api().get(`/products/${product.id}`)).body.inStock).toBe(false);
  });
});
