import { randomUUID } from 'node:crypto';
import { OrderStream, type mart } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { ADDRESS, shopApi, type Shopper } from './shop-api';

describe('placing and reading orders', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;
  let apple: { productId: string };
  let pear: { productId: string };

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
    [apple, pear] = await Promise.all([
      api.stockedProduct(admin, { priceCents: 199, onHand: 1000 }),
      api.stockedProduct(admin, { priceCents: 250, onHand: 1000 }),
    ]);
  });

  afterAll(async () => {
    await stack.stop();
  });

  const orderOf = (productId: string, quantity = 1) => ({ items: [{ productId, quantity }], shippingAddress: ADDRESS });
  const ordersOfCustomer = async (customer: Shopper) =>
    Number((await stack.db('orders')('orders').where({ customer_id: customer.userId }).count('* as n'))[0].n);

  describe('with an Idempotency-Key', () => {
    it('is required', async () => {
      const customer = await api.person();
      const response = await api.placeOrder(customer, orderOf(apple.productId), null);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REQUIRED');
      expect(await ordersOfCustomer(customer)).toBe(0);
    });

    it('returns the same order for the same request (201, then 200)', async () => {
      const customer = await api.person();
      const key = randomUUID();
      const first = await api.placeOrder(customer, orderOf(apple.productId, 2), key);
      const again = await api.placeOrder(customer, orderOf(apple.productId, 2), key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await ordersOfCustomer(customer)).toBe(1);
    });

    it('refuses the same key with a different request', async () => {
      const customer = await api.person();
      const key = randomUUID();
      await api.placeOrder(customer, orderOf(apple.productId, 2), key);
      const different = await api.placeOrder(customer, orderOf(apple.productId, 3), key);
      expect(different.status).toBe(422);
      expect(different.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
      expect(await ordersOfCustomer(customer)).toBe(1);
    });

    it('is scoped to the customer', async () => {
      const key = randomUUID();
      const ann = await api.placeOrder(await api.person(), orderOf(apple.productId), key);
      const bob = await api.placeOrder(await api.person(), orderOf(apple.productId), key);
      expect([ann.status, bob.status]).toEqual([201, 201]);
      expect(bob.body.id).not.toBe(ann.body.id);
    });

    it('creates exactly one order when the same request arrives 20 times at once', async () => {
      const customer = await api.person();
      const key = randomUUID();
      const responses = await Promise.all(Array.from({ length: 20 }, () => api.placeOrder(customer, orderOf(pear.productId, 4), key)));

      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await ordersOfCustomer(customer)).toBe(1);
      const placed = (await outboxEvents<mart.orders.v1.OrderEvent>(stack.db('orders'), OrderStream)).filter(
        (e) => e.orderPlaced?.customerId === customer.userId,
      );
      expect(placed).toHaveLength(1);
    });
  });

  describe('validation', () => {
    const customer = () => api.person();

    it.each([
      ['no items', { items: [], shippingAddress: ADDRESS }],
      ['quantity 0', { items: [{ productId: randomUUID(), quantity: 0 }], shippingAddress: ADDRESS }],
      ['quantity 101', { items: [{ productId: randomUUID(), quantity: 101 }], shippingAddress: ADDRESS }],
      ['a fractional quantity', { items: [{ productId: randomUUID(), quantity: 1.5 }], shippingAddress: ADDRESS }],
      ['a product id that is not a UUID', { items: [{ productId: 'apple', quantity: 1 }], shippingAddress: ADDRESS }],
      ['no shipping address', { items: [{ productId: randomUUID(), quantity: 1 }] }],
      ['a blank city', { items: [{ productId: randomUUID(), quantity: 1 }], shippingAddress: { ...ADDRESS, city: '  ' } }],
      ['an unknown field', { items: [{ productId: randomUUID(), quantity: 1 }], shippingAddress: ADDRESS, priceCents: 1 }],
    ])('rejects %s with 400', async (_case, body) => {
      const response = await api.placeOrder(await customer(), body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    });

    it('rejects a product repeated in two lines', async () => {
      const response = await api.placeOrder(await customer(), {
        items: [
          { productId: apple.productId, quantity: 1 },
          { productId: apple.productId, quantity: 2 },
        ],
        shippingAddress: ADDRESS,
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'ORDERS.DUPLICATE_PRODUCT_LINE', errors: [{ field: 'items.1.productId' }] });
    });

    it('names unknown products (422)', async () => {
      const ghost = randomUUID();
      const response = await api.placeOrder(await customer(), {
        items: [
          { productId: apple.productId, quantity: 1 },
          { productId: ghost, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'ORDERS.UNKNOWN_PRODUCT', productIds: [ghost] });
    });

    it('names archived products as unavailable (422)', async () => {
      const retired = await api.stockedProduct(admin, { onHand: 0 });
      expect((await api.http().delete(`/products/${retired.productId}`).set('Authorization', `Bearer ${admin.token}`)).status).toBe(204);
      await api.untilCatalogKnows(retired.productId, (row) => row.archived);

      const response = await api.placeOrder(await customer(), orderOf(retired.productId));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'ORDERS.PRODUCT_UNAVAILABLE', productIds: [retired.productId] });
    });

    it('refuses products in different currencies in one order (422)', async () => {
      const dollars = await api.stockedProduct(admin, { currency: 'USD', onHand: 0 });
      const response = await api.placeOrder(await customer(), {
        items: [
          { productId: apple.productId, quantity: 1 },
          { productId: dollars.productId, quantity: 1 },
        ],
        shippingAddress: ADDRESS,
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('ORDERS.MIXED_CURRENCIES');
    });

    it('charges the price the catalogue knows now', async () => {
      const product = await api.stockedProduct(admin, { priceCents: 300, onHand: 0 });
      const current = await api.http().get(`/products/${product.productId}`);
      const updated = await api
        .http()
        .patch(`/products/${product.productId}`)
        .set('Authorization', `Bearer ${admin.token}`)
        .set('If-Match', current.headers.etag ?? `"${current.body.version}"`)
        .send({ priceCents: 450 });
      expect(updated.status).toBe(200);
      await api.untilCatalogKnows(product.productId, (row) => Number(row.price_cents) === 450);

      const response = await api.placeOrder(await customer(), orderOf(product.productId, 2));
      expect(response.body).toMatchObject({ totalCents: 900, lines: [{ unitPriceCents: 450, lineTotalCents: 900 }] });
    });
  });

  describe('who sees what', () => {
    let owner: Shopper;
    let orderId: string;

    beforeAll(async () => {
      owner = await api.person();
      orderId = (await api.placeOrder(owner, orderOf(apple.productId))).body.id;
    });

    it('shows a customer their order with its history', async () => {
      const response = await api.getOrder(owner, orderId);
      expect(response.status).toBe(200);
      expect(response.body.history[0]).toMatchObject({ from: null, to: 'PENDING' });
    });

    it("hides another customer's order (404), also from cancelling", async () => {
      const stranger = await api.person();
      expect((await api.getOrder(stranger, orderId)).status).toBe(404);
      const cancel = await api.cancel(stranger, orderId);
      expect(cancel.status).toBe(404);
      expect(cancel.body.code).toBe('ORDERS.NOT_FOUND');
    });

    it('shows any order to an admin', async () => {
      expect((await api.getOrder(admin, orderId)).body.id).toBe(orderId);
    });

    it('forbids customers to ship or deliver (403)', async () => {
      expect((await api.ship(owner, orderId)).status).toBe(403);
      expect((await api.deliver(owner, orderId)).status).toBe(403);
    });

    it('answers 404 for an id that is not a UUID, and 401 without a token', async () => {
      expect((await api.getOrder(owner, 'not-an-id')).status).toBe(404);
      expect((await api.http().get(`/orders/${orderId}`)).status).toBe(401);
    });
  });

  describe('listing', () => {
    it('pages through a customer’s own orders, newest first', async () => {
      const customer = await api.person();
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await api.placeOrder(customer, orderOf(apple.productId, i + 1))).body.id);
      await api.placeOrder(await api.person(), orderOf(apple.productId));

      const first = await api.listOrders(customer, { limit: 2 });
      expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api.listOrders(customer, { limit: 2, cursor: first.body.nextCursor });
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    });

    it('lets admins filter by customer and status, but not customers by someone else', async () => {
      const customer = await api.person();
      const { body: order } = await api.placeOrder(customer, orderOf(apple.productId));
      await api.cancel(customer, order.id);
      await api.placeOrder(customer, orderOf(pear.productId));

      const cancelled = await api.listOrders(admin, { userId: customer.userId, status: 'CANCELLED' });
      expect(cancelled.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
      expect((await api.listOrders(admin, { userId: customer.userId })).body.items).toHaveLength(2);
      expect((await api.listOrders(await api.person(), { userId: customer.userId })).status).toBe(403);
    });

    it.each([
      [{ cursor: 'garbage' }, 'ORDERS.INVALID_CURSOR'],
      [{ status: 'LOST' }, 'REQUEST.VALIDATION_FAILED'],
      [{ limit: 0 }, 'ORDERS.INVALID_FILTER'],
      [{ limit: 101 }, 'ORDERS.INVALID_FILTER'],
    ])('rejects %p with 400', async (query, code) => {
      const response = await api.listOrders(await api.person(), query);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(code);
    });
  });
});
