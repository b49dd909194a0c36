import { randomUUID } from 'node:crypto';
import { OrderStream } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { olderSchema } from '../../../test/older-schema';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { ADDRESS, shopApi, type Shopper } from './shop-api';

describe('orders and carts by variant', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;
  let tee: { productId: string; medium: string; large: string };

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
    const as = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
    const { productId } = await api.stockedProduct(admin, { priceCents: 1500, onHand: 5 });
    await api.http().post(`/products/${productId}/options`).set(as(admin)).send({ name: 'Size', values: [{ value: 'S' }, { value: 'M' }, { value: 'L' }] }).expect(201);
    const variant = async (size: string, priceMinor: number) =>
      (await api.http().post(`/products/${productId}/variants`).set(as(admin)).send({ sku: `TEE-${randomUUID().slice(0, 6)}-${size}`, options: { Size: size }, priceMinor }).expect(201)).body.id as string;
    const [medium, large] = [await variant('M', 1600), await variant('L', 1700)];
    for (const id of [medium, large]) {
      await waitFor(`inventory to stock ${id}`, async () => (await api.http().post(`/inventory/${id}/adjustments`).set(as(admin)).send({ delta: 5, reason: 'restock' })).status === 201);
      await api.untilCatalogKnows(id);
    }
    tee = { productId, medium, large };
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('freezes the variant, its SKU, option values and price on the order line, and names the variant in OrderPlaced', async () => {
    const customer = await api.person();
    const placed = await api.placeOrder(customer, { items: [{ variantId: tee.medium, quantity: 2 }], shippingAddress: ADDRESS });
    expect(placed.status).toBe(201);
    expect(placed.body.lines).toEqual([
      expect.objectContaining({ productId: tee.productId, variantId: tee.medium, options: [{ option: 'Size', value: 'M' }], unitPriceMinor: 1600, lineTotalMinor: 3200 }),
    ]);
    const event = (await outboxEvents(stack.db('orders'), OrderStream)).find((e) => e.aggregateId === placed.body.id && e.orderPlaced)!;
    expect(event.orderPlaced!.lines![0]).toMatchObject({ productId: tee.productId, variantId: tee.medium, options: [{ option: 'Size', value: 'M' }] });
    await api.untilStatus(customer, placed.body.id, 'AWAITING_PAYMENT');
  });

  it('asks which variant when an item names a product with several, and takes the product id of a one-variant product', async () => {
    const customer = await api.person();
    const ambiguous = await api.placeOrder(customer, { items: [{ productId: tee.productId, quantity: 1 }], shippingAddress: ADDRESS });
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body).toMatchObject({ code: 'ORDERS.VARIANT_REQUIRED', choices: [{ productId: tee.productId }] });
    expect(ambiguous.body.choices[0].variantIds).toEqual(expect.arrayContaining([tee.productId, tee.medium, tee.large]));
    const { productId: mug } = await api.stockedProduct(admin, { priceCents: 900, onHand: 3 });
    const single = await api.placeOrder(customer, { items: [{ productId: mug, quantity: 1 }], shippingAddress: ADDRESS });
    expect(single.status).toBe(201);
    expect(single.body.lines[0]).toMatchObject({ productId: mug, variantId: mug, options: [] });
  });

  it('flags an archived variant in the cart, and refuses to order it', async () => {
    const customer = await api.person();
    const as = { Authorization: `Bearer ${customer.token}` };
    const cart = await api.http().put(`/cart/lines/${tee.large}`).set(as).send({ quantity: 1 }).expect(200);
    expect(cart.body.lines[0]).toMatchObject({ variantId: tee.large, productId: tee.productId, options: [{ option: 'Size', value: 'L' }], available: true });
    await api.http().delete(`/products/${tee.productId}/variants/${tee.large}`).set({ Authorization: `Bearer ${admin.token}` }).expect(204);
    await api.untilCatalogKnows(tee.large, (row) => row.archived);
    const flagged = await api.http().get('/cart').set(as).expect(200);
    expect(flagged.body.lines[0]).toMatchObject({ variantId: tee.large, available: false, problem: 'archived' });
    const refused = await api.placeOrder(customer, { items: [{ variantId: tee.large, quantity: 1 }], shippingAddress: ADDRESS });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ORDERS.PRODUCT_UNAVAILABLE');
  });

  it('carries orders, carts and the catalogue over to variants in the migration: an old line names the default variant', async () => {
    const older = await olderSchema(stack, 'orders', '20261208000000_variants');
    try {
      const [product, order, cart] = [randomUUID(), randomUUID(), randomUUID()];
      await older.db('catalog').insert({ product_id: product, sku: 'OLD-1', name: 'Old tea', price_cents: 450, currency: 'EUR', archived: false, version: 2 });
      await older.db('orders').insert({ id: order, customer_id: randomUUID(), status: 'PAID', total_cents: 900, subtotal_cents: 900, discount_cents: 0, currency: 'EUR', shipping_address: ADDRESS, created_at: new Date(), updated_at: new Date() });
      await older.db('order_lines').insert({ order_id: order, line_number: 1, product_id: product, sku: 'OLD-1', name: 'Old tea', quantity: 2, unit_price_cents: 450, line_total_cents: 900 });
      await older.db('carts').insert({ id: cart, customer_id: randomUUID() });
      await older.db('cart_lines').insert({ cart_id: cart, product_id: product, quantity: 1 });
      await older.migrateToLatest();
      expect(await older.db('catalog_variants').where({ variant_id: product }).first()).toMatchObject({ product_id: product, sku: 'OLD-1', product_name: 'Old tea', price_cents: 450, version: 2 });
      expect(await older.db('order_lines').where({ order_id: order }).first()).toMatchObject({ product_id: product, variant_id: product, options: [], quantity: 2 });
      expect(await older.db('cart_lines').where({ cart_id: cart }).first()).toMatchObject({ variant_id: product, quantity: 1 });
    } finally {
      await older.drop();
    }
  });
});
