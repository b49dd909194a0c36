import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProductStream, StockItemStream } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { signIn } from '../../../test/signed-in';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { publishUpstream } from '../../../test/upstream-event';
import { olderSchema } from '../../../test/older-schema';
import { waitFor } from '../../../test/wait-for';

describe('options and variants', () => {
  let stack: TestStack;
  let admin: string;
  const run = randomUUID().slice(0, 8).toUpperCase();

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['products'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
  });

  afterAll(async () => {
    await stack.stop();
  });

  const api = () => request(stack.baseUrl);

  /** A T-shirt in Size S/M/L × Colour Red/Blue, with its default variant (which became Size S, Colour Red). */
  async function tShirt(suffix: string) {
    const { body: product } = await api()
      .post('/products')
      .set('Authorization', admin)
      .send({ sku: `TEE-${run}-${suffix}`, name: `T-shirt ${suffix}`, description: 'Cotton', priceMinor: 1500, currency: 'EUR', category: 'Apparel' })
      .expect(201);
    await api().post(`/products/${product.id}/options`).set('Authorization', admin).send({ name: 'Size', values: [{ value: 'S' }, { value: 'M' }, { value: 'L' }] }).expect(201);
    const { body } = await api().post(`/products/${product.id}/options`).set('Authorization', admin).send({ name: 'Colour', values: [{ value: 'Red' }, { value: 'Blue' }] }).expect(201);
    return body as { id: string; options: Array<{ id: string; name: string; values: Array<{ id: string; value: string }> }>; variants: Array<{ id: string; options: unknown[] }> };
  }

  it('creates a product as before, with one default variant carrying its SKU and price and the product id', async () => {
    const { body } = await api()
      .post('/products')
      .set('Authorization', admin)
      .send({ sku: `mug-${run}`, name: 'Mug', description: '', priceMinor: 900, currency: 'EUR', category: 'Kitchen' })
      .expect(201);
    expect(body).toMatchObject({ sku: `MUG-${run}`, priceMinor: 900, options: [], variants: [{ id: body.id, sku: `MUG-${run}`, options: [], priceMinor: 900, archived: false }] });
    const events = (await outboxEvents(stack.db('products'), ProductStream)).filter((e) => e.aggregateId === body.id);
    expect(events.map((e) => e.event)).toEqual(['productCreated', 'variantCreated']);
    expect(events[1].variantCreated).toMatchObject({ productId: body.id, variantId: body.id, sku: `MUG-${run}`, productName: 'Mug', version: 1 });
  });

  it('grows a one-SKU product into sizes and colours: its variant takes the first values, the others are added', async () => {
    const product = await tShirt('grow');
    expect(product.variants).toEqual([expect.objectContaining({ id: product.id, options: [{ option: 'Size', value: 'S' }, { option: 'Colour', value: 'Red' }] })]);
    const created = await api()
      .post(`/products/${product.id}/variants`)
      .set('Authorization', admin)
      .send({ sku: `TEE-${run}-M-RED`, options: { Size: 'M', Colour: 'Red' }, priceMinor: 1600, weightGrams: 180 })
      .expect(201);
    expect(created.body).toMatchObject({ sku: `TEE-${run}-M-RED`, options: [{ option: 'Size', value: 'M' }, { option: 'Colour', value: 'Red' }], priceMinor: 1600, currency: 'EUR', weightGrams: 180 });
    const { body: view } = await api().get(`/products/${product.id}`).expect(200);
    expect(view.variants).toHaveLength(2);
    expect(view.priceMinor).toBe(1500);
    const events = (await outboxEvents(stack.db('products'), ProductStream)).filter((e) => e.variantCreated?.variantId === created.body.id);
    expect(events[0].variantCreated).toMatchObject({ productId: product.id, options: [{ option: 'Size', value: 'M' }, { option: 'Colour', value: 'Red' }], weightGrams: 180 });
  });

  it('gives one 201 and 29 × 409 PRODUCTS.VARIANT_EXISTS to 30 concurrent creations of one combination', async () => {
    const product = await tShirt('race');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `TEE-${run}-RACE-${i}`, options: { Size: 'L', Colour: 'Blue' }, priceMinor: 1700 }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(29);
    for (const answer of refused) expect(answer.body.code).toBe('PRODUCTS.VARIANT_EXISTS');
    const live = await stack.db('products')('variants').where({ product_id: product.id }).whereNull('archived_at');
    expect(live).toHaveLength(2);
  });

  it('lets the database refuse a duplicate combination, whatever path it comes by', async () => {
    const product = await tShirt('db');
    const [existing] = await stack.db('products')('variants').where({ id: product.id });
    await expect(
      stack.db('products')('variants').insert({ id: randomUUID(), product_id: product.id, sku: `DUP-${run}`, option_value_ids: existing.option_value_ids, price_minor: 1, currency: 'EUR' }),
    ).rejects.toMatchObject({ constraint: 'variants_live_combination_unique' });
  });

  it('names the option a combination lacks or gets wrong', async () => {
    const product = await tShirt('invalid');
    const missing = await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `X1-${run}`, options: { Size: 'M' }, priceMinor: 1 }).expect(400);
    expect(missing.body).toMatchObject({ code: 'PRODUCTS.INVALID_VARIANT', errors: [{ field: 'options.Colour' }] });
    const wrong = await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `X2-${run}`, options: { Size: 'XXL', Colour: 'Red', Fit: 'Slim' }, priceMinor: 1 }).expect(400);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'options.Fit', message: expect.stringContaining('not an option') },
        { field: 'options.Size', message: 'must be one of: S, M, L' },
      ]),
    );
    const currency = await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `X3-${run}`, options: { Size: 'M', Colour: 'Red' }, priceMinor: 1, currency: 'USD' }).expect(400);
    expect(currency.body.errors).toEqual([{ field: 'currency', message: "must be the product's currency, EUR" }]);
  });

  it('renames a value for its variants, refuses removing a value in use naming the variants, and frees a combination by archiving', async () => {
    const product = await tShirt('rename');
    const size = product.options.find((o) => o.name === 'Size')!;
    const [s, m, l] = size.values;
    const renamed = await api()
      .patch(`/products/${product.id}/options/${size.id}`)
      .set('Authorization', admin)
      .send({ name: 'Size', values: [{ id: s.id, value: 'Small' }, { id: m.id, value: 'M' }, { id: l.id, value: 'L' }] })
      .expect(200);
    expect(renamed.body.variants[0].options).toEqual([{ option: 'Size', value: 'Small' }, { option: 'Colour', value: 'Red' }]);
    const updated = (await outboxEvents(stack.db('products'), ProductStream)).filter((e) => e.variantUpdated?.variantId === product.id);
    expect(updated.at(-1)!.variantUpdated!.options).toEqual([{ option: 'Size', value: 'Small' }, { option: 'Colour', value: 'Red' }]);

    const inUse = await api().patch(`/products/${product.id}/options/${size.id}`).set('Authorization', admin).send({ name: 'Size', values: [{ id: m.id, value: 'M' }] }).expect(409);
    expect(inUse.body).toMatchObject({ code: 'PRODUCTS.OPTION_VALUE_IN_USE', values: ['Small'], variantIds: [product.id] });

    const medium = await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `TEE-${run}-RN-M`, options: { Size: 'M', Colour: 'Red' }, priceMinor: 1500 }).expect(201);
    await api().delete(`/products/${product.id}/variants/${product.id}`).set('Authorization', admin).expect(204);
    await api().delete(`/products/${product.id}/variants/${product.id}`).set('Authorization', admin).expect(204);
    const last = await api().delete(`/products/${product.id}/variants/${medium.body.id}`).set('Authorization', admin).expect(409);
    expect(last.body.code).toBe('PRODUCTS.LAST_VARIANT');
    await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `TEE-${run}-RN-S2`, options: { Size: 'Small', Colour: 'Red' }, priceMinor: 1500 }).expect(201);
    const { body: view } = await api().get(`/products/${product.id}`).expect(200);
    expect(view.variants.map((v: { archived: boolean }) => v.archived)).toEqual([false, false, true]);
  });

  it('refuses a product-level price on a product with several variants, and prices its one variant otherwise', async () => {
    const product = await tShirt('price');
    const one = await api().patch(`/products/${product.id}`).set('Authorization', admin).set('If-Match', '"3"').send({ priceMinor: 1450 }).expect(200);
    expect(one.body.variants[0].priceMinor).toBe(1450);
    await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `TEE-${run}-PR-L`, options: { Size: 'L', Colour: 'Red' }, priceMinor: 1200 }).expect(201);
    const several = await api().patch(`/products/${product.id}`).set('Authorization', admin).set('If-Match', '"5"').send({ priceMinor: 1000 }).expect(422);
    expect(several.body.code).toBe('PRODUCTS.PRICE_ON_VARIANTS');
    expect((await api().get(`/products/${product.id}`)).body.priceMinor).toBe(1200);
  });

  it('filters the catalogue by option values of one live variant, and shows a product in stock when any variant is', async () => {
    const product = await tShirt('filter');
    const blue = await api().post(`/products/${product.id}/variants`).set('Authorization', admin).send({ sku: `TEE-${run}-F-MB`, options: { Size: 'M', Colour: 'Blue' }, priceMinor: 1500 }).expect(201);
    const search = (options: string[]) => api().get('/products').query({ q: 'T-shirt filter', option: options }).expect(200);
    expect((await search(['Size:M', 'Colour:Blue'])).body.items.map((p: { id: string }) => p.id)).toContain(product.id);
    expect((await search(['size:m', 'colour:red'])).body.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
    const bad = await api().get('/products').query({ option: 'Size' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'option.0', message: 'must be Option:Value, e.g. Size:M' }]);

    await publishUpstream(stack, StockItemStream, blue.body.id, 'stockLevelChanged', { productId: product.id, variantId: blue.body.id, onHand: 2, reserved: 0, available: 2, version: 2 });
    await waitFor('the product in stock', async () => (await api().get(`/products/${product.id}`)).body.inStock === true);
    const { body } = await api().get(`/products/${product.id}`);
    expect(body.variants.map((v: { id: string; inStock: boolean }) => [v.id, v.inStock])).toEqual([
      [product.id, false],
      [blue.body.id, true],
    ]);
  });

  it('gives every existing product a default variant with its id, SKU, price and stock flag in the migration', async () => {
    const older = await olderSchema(stack, 'products', '20261208000000_variants');
    try {
      const id = randomUUID();
      await older.db('products').insert({ id, sku: 'OLD-MUG', name: 'Old mug', description: '', price_cents: 700, currency: 'EUR', category: 'Kitchen', in_stock: true, stock_version: 3 });
      await older.migrateToLatest();
      expect(await older.db('variants').where({ product_id: id })).toEqual([
        expect.objectContaining({ id, sku: 'OLD-MUG', option_value_ids: [], price_minor: 700, currency: 'EUR', in_stock: true, stock_version: 3, archived_at: null }),
      ]);
    } finally {
      await older.drop();
    }
  });
});
