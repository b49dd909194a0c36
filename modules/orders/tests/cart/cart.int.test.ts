import { randomUUID } from 'node:crypto';
import { CartStream, OrderStream } from '../../../../proto/streams';
import { registerVerifiedCustomer } from '../../../../test/account-tokens';
import { outboxEvents } from '../../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../../test/test-stack';
import { waitFor } from '../../../../test/wait-for';
import { ADDRESS, shopApi, type Shopper } from '../shop-api';

describe('the cart: priced from the catalogue, checked against stock, checked out as an order', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const auth = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
  const cart = (who: Shopper) => api.http().get('/cart').set(auth(who));
  const setLine = (who: Shopper, productId: string, quantity: number) => api.http().put(`/cart/lines/${productId}`).set(auth(who)).send({ quantity });
  const checkout = (who: Shopper, key: string | null = randomUUID(), shippingAddress: object | null = ADDRESS) => {
    const call = api.http().post('/cart/checkout').set(auth(who));
    if (key !== null) call.set('Idempotency-Key', key);
    return call.send(shippingAddress ? { shippingAddress } : {});
  };

  /** A stocked product whose available stock the orders module has heard of. */
  async function product(options: { priceCents?: number; currency?: string; onHand?: number } = {}) {
    const created = await api.stockedProduct(admin, options);
    await waitFor(`orders to know the stock of ${created.productId}`, async () =>
      (await stack.db('orders')('stock_levels').where({ variant_id: created.productId }).first())?.available === (options.onHand ?? 10),
    );
    return created;
  }

  it('is empty before anything goes in', async () => {
    const response = await cart(await api.person()).expect(200);
    expect(response.body).toEqual({
      id: null,
      lines: [],
      subtotalMinor: 0,
      subtotalCents: 0,
      discountMinor: 0,
      discountCents: 0,
      shippingMinor: 0,
      taxMinor: 0,
      pricesIncludeTax: false,
      totalMinor: 0,
      totalCents: 0,
      currency: null,
      promotionCode: null,
      shippingOptionId: null,
      updatedAt: null,
    });
  });

  it('prices lines from the catalogue and sets (not adds) quantities', async () => {
    const customer = await api.person();
    const tea = await product({ priceCents: 650 });
    const pot = await product({ priceCents: 2900 });

    await setLine(customer, tea.productId, 1).expect(200);
    await setLine(customer, tea.productId, 2).expect(200);
    const response = await setLine(customer, pot.productId, 1).expect(200);

    expect(response.body).toMatchObject({ subtotalCents: 2 * 650 + 2900, discountCents: 0, totalCents: 4200, currency: 'EUR' });
    expect(response.body.lines).toEqual([
      expect.objectContaining({ productId: tea.productId, quantity: 2, unitPriceCents: 650, lineTotalCents: 1300, available: true }),
      expect.objectContaining({ productId: pot.productId, quantity: 1, unitPriceCents: 2900, lineTotalCents: 2900, available: true }),
    ]);
    expect(response.body.lines[0].name).toMatch(/^Test product/);
  });

  it('shows a price change in an open cart', async () => {
    const customer = await api.person();
    const tea = await product({ priceCents: 650 });
    await setLine(customer, tea.productId, 2).expect(200);

    const current = await api.http().get(`/products/${tea.productId}`);
    await api.http().patch(`/products/${tea.productId}`).set(auth(admin)).set('If-Match', current.headers.etag).send({ priceCents: 700 }).expect(200);
    await api.untilCatalogKnows(tea.productId, (row) => Number(row.price_cents) === 700);

    expect((await cart(customer)).body).toMatchObject({ subtotalCents: 1400, lines: [expect.objectContaining({ unitPriceCents: 700 })] });
  });

  it('flags lines above the available stock and refuses to check them out, naming them and placing nothing', async () => {
    const customer = await api.person();
    const scarce = await product({ onHand: 2 });
    const plenty = await product({ onHand: 10 });
    await setLine(customer, plenty.productId, 1).expect(200);
    const flagged = await setLine(customer, scarce.productId, 3).expect(200);
    expect(flagged.body.lines.find((l: { productId: string }) => l.productId === scarce.productId)).toMatchObject({
      available: false,
      problem: 'not_enough_stock',
    });
    const ordersBefore = (await outboxEvents(stack.db('orders'), OrderStream)).length;

    const refused = await checkout(customer).expect(409);

    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('ORDERS.CART_LINES_UNAVAILABLE');
    expect(refused.body.detail).toContain(scarce.productId);
    expect(refused.body.errors).toEqual([{ field: `lines.${scarce.productId}`, message: 'not_enough_stock' }]);
    expect((await outboxEvents(stack.db('orders'), OrderStream)).length).toBe(ordersBefore);
    expect((await cart(customer)).body.lines).toHaveLength(2);
  });

  it('refuses unknown products, bad quantities and a second currency with clear problems', async () => {
    const customer = await api.person();
    const euro = await product({ currency: 'EUR' });
    const dollar = await product({ currency: 'USD' });
    await setLine(customer, euro.productId, 1).expect(200);

    expect((await setLine(customer, randomUUID(), 1).expect(422)).body.code).toBe('ORDERS.UNKNOWN_PRODUCT');
    expect((await setLine(customer, euro.productId, 0)).status).toBe(400);
    expect((await setLine(customer, euro.productId, 101)).status).toBe(400);
    expect((await setLine(customer, dollar.productId, 1).expect(422)).body.code).toBe('ORDERS.MIXED_CURRENCIES');
    expect((await cart(customer)).body.lines).toEqual([expect.objectContaining({ productId: euro.productId, quantity: 1 })]);
  });

  it('checks out as one order placed like POST /orders, and empties the cart in the same transaction', async () => {
    const customer = await api.person();
    const tea = await product({ priceCents: 650 });
    await setLine(customer, tea.productId, 2).expect(200);
    const key = randomUUID();

    const placed = await checkout(customer, key).expect(201);

    expect(placed.headers.location).toBe(`/orders/${placed.body.id}`);
    expect(placed.body).toMatchObject({ status: 'PENDING', totalCents: 1300, currency: 'EUR', lines: [expect.objectContaining({ productId: tea.productId, quantity: 2 })] });
    expect((await cart(customer)).body.lines).toEqual([]);
    const events = (await outboxEvents(stack.db('orders'), OrderStream)).filter((e) => e.aggregateId === placed.body.id);
    expect(events.map((e) => e.event)).toEqual(['orderPlaced']);
    await api.untilStatus(customer, placed.body.id, 'AWAITING_PAYMENT');

    const replayed = await checkout(customer, key).expect(200);
    expect(replayed.body.id).toBe(placed.body.id);
    expect((await checkout(customer).expect(422)).body.code).toBe('ORDERS.CART_EMPTY');
  });

  it("ships to the profile's default address when the checkout names none, and says so when there is none", async () => {
    const email = `cart-${randomUUID().slice(0, 8)}@example.com`;
    const verified = await registerVerifiedCustomer(stack, { email, password: 'correct horse battery', name: 'Grace Hopper' });
    const customer: Shopper = { userId: verified.userId, token: verified.accessToken };
    const tea = await product();
    await setLine(customer, tea.productId, 1).expect(200);

    expect((await checkout(customer, randomUUID(), null).expect(422)).body.code).toBe('ORDERS.SHIPPING_ADDRESS_REQUIRED');

    const home = { line1: '1 Navy Way', city: 'Arlington', postalCode: '22202', country: 'US' };
    await api.http().patch('/users/me').set(auth(customer)).send({ defaultShippingAddress: home }).expect(200);
    const me = (await api.http().get('/users/me').set(auth(customer))).body;
    await waitFor("orders to know the profile's address", async () =>
      Boolean((await stack.db('orders')('customer_addresses').where({ customer_id: me.id }).first())?.default_shipping_address),
    );

    const placed = await checkout(customer, randomUUID(), null).expect(201);
    expect(placed.body.shippingAddress).toEqual({ name: 'Grace Hopper', ...home });
  });

  it('places one order when one cart is checked out many times at once', async () => {
    const customer = await api.person();
    const tea = await product();
    await setLine(customer, tea.productId, 1).expect(200);

    const responses = await Promise.all(Array.from({ length: 8 }, () => checkout(customer)));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 422).every((r) => r.body.code === 'ORDERS.CART_EMPTY')).toBe(true);
    expect(responses.filter((r) => r.status === 422)).toHaveLength(7);
    expect((await api.listOrders(customer)).body.items).toHaveLength(1);
  });

  it('keeps every line when two devices edit one cart at once', async () => {
    const customer = await api.person();
    const products = await Promise.all(Array.from({ length: 6 }, () => product()));

    await Promise.all(products.map((p, i) => setLine(customer, p.productId, i + 1)));

    const lines = (await cart(customer)).body.lines as { productId: string; quantity: number }[];
    expect(lines.map((l) => [l.productId, l.quantity]).sort()).toEqual(products.map((p, i) => [p.productId, i + 1]).sort());
  });
});

describe('abandoned carts', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, env: { CART_SWEEP_INTERVAL_MS: '100', CART_ABANDONED_AFTER_HOURS: '24', CART_RETENTION_DAYS: '30' } });
    api = shopApi(stack);
    admin = await api.person('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const carts = () => stack.db('orders')('carts');
  const leaveUntouchedFor = (customerId: string, hours: number) =>
    carts().where({ customer_id: customerId }).update({ updated_at: stack.db('orders').raw(`now() - make_interval(hours => ${hours})`) });
  const abandonments = async (cartId: string) =>
    (await outboxEvents(stack.db('orders'), CartStream)).filter((e) => e.aggregateId === cartId && e.event === 'cartAbandoned');

  it('announces a cart untouched for a day once per state, with its lines, and deletes it after the retention', async () => {
    const customer = await api.person();
    const tea = await api.stockedProduct(admin, { priceCents: 650 });
    const setLine = (quantity: number) =>
      api.http().put(`/cart/lines/${tea.productId}`).set({ Authorization: `Bearer ${customer.token}` }).send({ quantity }).expect(200);
    const cartId = (await setLine(2)).body.id as string;

    await leaveUntouchedFor(customer.userId, 25);
    const [announced] = await waitFor('CartAbandoned', async () => {
      const events = await abandonments(cartId);
      return events.length > 0 && events;
    });
    expect(announced.cartAbandoned).toMatchObject({
      cartId,
      customerId: customer.userId,
      lines: [{ productId: tea.productId, quantity: 2, unitPrice: { amountMinor: 650, currency: 'EUR' }, lineTotal: { amountMinor: 1300 } }],
      subtotal: { amountMinor: 1300, currency: 'EUR' },
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // several sweeps
    expect(await abandonments(cartId)).toHaveLength(1);

    await setLine(3); // a new state of the cart
    await leaveUntouchedFor(customer.userId, 25);
    await waitFor('a second CartAbandoned for the new state', async () => (await abandonments(cartId)).length === 2);

    await leaveUntouchedFor(customer.userId, 31 * 24);
    await waitFor('the cart to be deleted', async () => (await carts().where({ id: cartId })).length === 0);
  });

  it('does not announce an empty cart', async () => {
    const customer = await api.person();
    const tea = await api.stockedProduct(admin);
    const auth = { Authorization: `Bearer ${customer.token}` };
    const cartId = (await api.http().put(`/cart/lines/${tea.productId}`).set(auth).send({ quantity: 1 }).expect(200)).body.id as string;
    await api.http().delete('/cart').set(auth).expect(200);

    await leaveUntouchedFor(customer.userId, 25);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await abandonments(cartId)).toEqual([]);
  });
});
