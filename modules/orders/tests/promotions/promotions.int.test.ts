import { randomUUID } from 'node:crypto';
import { OrderStream, ReservationStream } from '../../../../proto/streams';
import { publishUpstream } from '../../../../test/upstream-event';
import { outboxEvents } from '../../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../../test/test-stack';
import { waitFor } from '../../../../test/wait-for';
import { ADDRESS, shopApi, type Shopper } from '../shop-api';

describe('promotion codes: discounts with limits that hold under concurrency', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;
  let tea: { productId: string };

  beforeAll(async () => {
    stack = await startTestStack({ relay: true, env: { ORDER_EXPIRY_SWEEP_INTERVAL_MS: '200' } });
    api = shopApi(stack);
    admin = await api.person('admin');
    tea = await api.stockedProduct(admin, { priceCents: 1250, onHand: 100 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const auth = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
  const uniqueCode = (prefix = 'CODE') => `${prefix}-${randomUUID().slice(0, 8)}`;
  const create = (body: object, who: Shopper = admin) => api.http().post('/promotions').set(auth(who)).send(body);
  const promotion = async (body: object) => {
    const created = await create({ code: uniqueCode(), kind: 'percentage', value: 10, ...body });
    expect(created.status).toBe(201);
    return created.body as { id: string; code: string };
  };
  const timesUsed = async (id: string) => (await api.http().get(`/promotions/${id}`).set(auth(admin))).body.timesUsed as number;
  const order = (who: Shopper, promotionCode: string | undefined, quantity = 2, productId = tea.productId, key = randomUUID()) =>
    api.placeOrder(who, { items: [{ productId, quantity }], shippingAddress: ADDRESS, ...(promotionCode ? { promotionCode } : {}) }, key);

  describe('admins manage them', () => {
    it('creates a code, unique whatever the case, and refuses bad values and customers', async () => {
      const code = uniqueCode('WELCOME');
      const created = await create({ code, kind: 'percentage', value: 10, description: 'Ten off' }).expect(201);
      expect(created.headers.location).toBe(`/promotions/${created.body.id}`);
      expect(created.body).toMatchObject({ code, kind: 'percentage', value: 10, timesUsed: 0, active: true });

      expect((await create({ code: code.toLowerCase(), kind: 'percentage', value: 5 }).expect(409)).body.code).toBe('ORDERS.PROMOTION_CODE_TAKEN');
      expect((await create({ code: uniqueCode(), kind: 'percentage', value: 101 }).expect(400)).body.code).toBe('ORDERS.INVALID_PROMOTION');
      expect((await create({ code: uniqueCode(), kind: 'fixed', value: 500 }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'currency' }),
      ]);
      expect((await create({ code: uniqueCode(), kind: 'fixed', value: 0, currency: 'EUR' })).status).toBe(400);
      expect((await create({ code: uniqueCode(), kind: 'percentage', value: 10 }, await api.person())).status).toBe(403);
    });

    it('lists them with their uses, deactivates them, and never lowers a limit below the uses taken', async () => {
      const p = await promotion({ usageLimit: 5 });
      await order(await api.person(), p.code).expect(201);
      await order(await api.person(), p.code).expect(201);

      const listed = (await api.http().get('/promotions?limit=100').set(auth(admin)).expect(200)).body.items as { id: string; timesUsed: number }[];
      expect(listed.find((x) => x.id === p.id)).toMatchObject({ timesUsed: 2 });
      expect((await api.http().patch(`/promotions/${p.id}`).set(auth(admin)).send({ usageLimit: 1 }).expect(409)).body.code).toBe(
        'ORDERS.PROMOTION_LIMIT_BELOW_USES',
      );
      await api.http().patch(`/promotions/${p.id}`).set(auth(admin)).send({ active: false }).expect(200);
      expect((await order(await api.person(), p.code).expect(422)).body.code).toBe('ORDERS.PROMOTION_NOT_VALID');
    });
  });

  describe('shoppers use them', () => {
    it('takes the discount off the subtotal, rounding half up, and publishes subtotal, discount and code', async () => {
      const p = await promotion({ value: 15 });
      const customer = await api.person();

      const placed = await order(customer, p.code.toLowerCase(), 1).expect(201);

      // 15 % of 1250 is 187.5: half up, 188.
      expect(placed.body).toMatchObject({ subtotalCents: 1250, discountCents: 188, totalCents: 1062, promotionCode: p.code });
      const [placedEvent] = (await outboxEvents(stack.db('orders'), OrderStream)).filter((e) => e.aggregateId === placed.body.id);
      expect(placedEvent.orderPlaced).toMatchObject({
        total: { amountMinor: 1062 },
        subtotal: { amountMinor: 1250 },
        discount: { amountMinor: 188 },
        promotionCode: p.code,
      });
      await api.untilStatus(customer, placed.body.id, 'AWAITING_PAYMENT');
      const paid = await api.pay(customer, placed.body.id);
      expect(paid.body.amountCents).toBe(1062);
    });

    it('never discounts an order down to nothing', async () => {
      const p = await promotion({ kind: 'fixed', value: 100_000, currency: 'EUR' });
      expect((await order(await api.person(), p.code, 1).expect(201)).body).toMatchObject({ subtotalCents: 1250, discountCents: 1249, totalCents: 1 });
    });

    it.each([
      ['unknown', async () => 'NO-SUCH-CODE', 422, 'ORDERS.PROMOTION_NOT_VALID'],
      ['expired', async () => (await promotion({ startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) })).code, 422, 'ORDERS.PROMOTION_NOT_VALID'],
      ['not yet started', async () => (await promotion({ startsAt: new Date(Date.now() + 3600_000) })).code, 422, 'ORDERS.PROMOTION_NOT_VALID'],
      ['below its minimum', async () => (await promotion({ minSubtotalCents: 10_000 })).code, 422, 'ORDERS.PROMOTION_BELOW_MINIMUM'],
      ['in another currency', async () => (await promotion({ kind: 'fixed', value: 100, currency: 'USD' })).code, 422, 'ORDERS.PROMOTION_WRONG_CURRENCY'],
      ['used up', async () => {
        const p = await promotion({ usageLimit: 1 });
        await order(await api.person(), p.code).expect(201);
        return p.code;
      }, 409, 'ORDERS.PROMOTION_EXHAUSTED'],
    ])('refuses a code that is %s with a problem naming why, and places nothing', async (_case, codeOf, status, problem) => {
      const code = await codeOf();
      const customer = await api.person();

      const refused = await order(customer, code);

      expect(refused.status).toBe(status);
      expect(refused.body.code).toBe(problem);
      expect((await api.listOrders(customer)).body.items).toEqual([]);
    });

    it('gives exactly the limit of discounted orders to 30 shoppers racing for a 5-use code', async () => {
      const p = await promotion({ usageLimit: 5 });
      const shoppers = await Promise.all(Array.from({ length: 30 }, () => api.person()));

      const responses = await Promise.all(shoppers.map((shopper) => order(shopper, p.code, 1)));

      const placed = responses.filter((r) => r.status === 201);
      expect(placed).toHaveLength(5);
      expect(placed.every((r) => r.body.discountCents === 125 && r.body.promotionCode === p.code)).toBe(true);
      expect(responses.filter((r) => r.status === 409 && r.body.code === 'ORDERS.PROMOTION_EXHAUSTED')).toHaveLength(25);
      expect(await timesUsed(p.id)).toBe(5);
      expect(await stack.db('orders')('orders').where({ promotion_code: p.code }).count({ n: '*' })).toEqual([{ n: 5 }]);
    });

    it('holds the per-customer limit under concurrency, and a replayed order takes no second use', async () => {
      const p = await promotion({ perCustomerLimit: 2 });
      const customer = await api.person();

      const responses = await Promise.all(Array.from({ length: 10 }, () => order(customer, p.code, 1)));

      expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
      expect(responses.filter((r) => r.status === 409 && r.body.code === 'ORDERS.PROMOTION_USED_BY_CUSTOMER')).toHaveLength(8);
      const other = await api.person();
      const key = randomUUID();
      await order(other, p.code, 1, tea.productId, key).expect(201);
      await order(other, p.code, 1, tea.productId, key).expect(200);
      expect(await timesUsed(p.id)).toBe(3);
    });
  });

  describe('uses come back when an order ends unfulfilled, exactly once', () => {
    it('when the order is rejected for lack of stock, and a redelivered rejection changes nothing', async () => {
      const p = await promotion({ usageLimit: 1 });
      const none = await api.stockedProduct(admin, { onHand: 0 });
      const customer = await api.person();
      const placed = await order(customer, p.code, 1, none.productId).expect(201);
      await api.untilStatus(customer, placed.body.id, 'REJECTED');
      expect(await timesUsed(p.id)).toBe(0);

      await publishUpstream(stack, ReservationStream, placed.body.id, 'stockReservationFailed', { orderId: placed.body.id, reason: 'insufficient_stock' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await timesUsed(p.id)).toBe(0);
      await order(await api.person(), p.code).expect(201); // a released use can be taken again
    });

    it('when the order expires unpaid, or is cancelled', async () => {
      const p = await promotion({ usageLimit: 2 });
      const customer = await api.person();
      const expiring = await order(customer, p.code).expect(201);
      const cancelled = await order(customer, p.code).expect(201);
      await api.untilStatus(customer, expiring.body.id, 'AWAITING_PAYMENT');
      await api.untilStatus(customer, cancelled.body.id, 'AWAITING_PAYMENT');
      expect(await timesUsed(p.id)).toBe(2);

      await stack.db('orders')('orders').where({ id: expiring.body.id }).update({ payment_due_at: new Date(Date.now() - 60_000) });
      await api.untilStatus(customer, expiring.body.id, 'EXPIRED');
      await api.cancel(customer, cancelled.body.id).expect(200);

      await waitFor('both uses to come back', async () => (await timesUsed(p.id)) === 0);
    });
  });
});

describe('a promotion code on the cart', () => {
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

  it('shows its discount in the cart and takes its use at checkout; an unusable code is refused with why', async () => {
    const auth = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
    const code = `CART-${randomUUID().slice(0, 8)}`;
    const created = await api.http().post('/promotions').set(auth(admin)).send({ code, kind: 'percentage', value: 10, usageLimit: 1 }).expect(201);
    const tea = await api.stockedProduct(admin, { priceCents: 1250 });
    await waitFor('orders to know the stock', async () => Boolean(await stack.db('orders')('stock_levels').where({ variant_id: tea.productId }).first()));
    const customer = await api.person();
    await api.http().put(`/cart/lines/${tea.productId}`).set(auth(customer)).send({ quantity: 2 }).expect(200);

    expect((await api.http().put('/cart/promotion').set(auth(customer)).send({ code: 'NO-SUCH' }).expect(422)).body.code).toBe('ORDERS.PROMOTION_NOT_VALID');
    const withCode = await api.http().put('/cart/promotion').set(auth(customer)).send({ code: code.toLowerCase() }).expect(200);
    expect(withCode.body).toMatchObject({ subtotalCents: 2500, discountCents: 250, totalCents: 2250, promotionCode: code });

    const placed = await api.http().post('/cart/checkout').set(auth(customer)).set('Idempotency-Key', randomUUID()).send({ shippingAddress: ADDRESS }).expect(201);
    expect(placed.body).toMatchObject({ subtotalCents: 2500, discountCents: 250, totalCents: 2250, promotionCode: code });
    expect((await api.http().get(`/promotions/${created.body.id}`).set(auth(admin))).body.timesUsed).toBe(1);

    const late = await api.person();
    await api.http().put(`/cart/lines/${tea.productId}`).set(auth(late)).send({ quantity: 1 }).expect(200);
    expect((await api.http().put('/cart/promotion').set(auth(late)).send({ code }).expect(409)).body.code).toBe('ORDERS.PROMOTION_EXHAUSTED');
  });

  it('answers unknown and ended codes alike, and limits how many codes one account may try', async () => {
    const auth = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
    const ended = `ENDED-${randomUUID().slice(0, 8)}`;
    await api
      .http()
      .post('/promotions')
      .set(auth(admin))
      .send({ code: ended, kind: 'percentage', value: 10, startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) })
      .expect(201);
    const customer = await api.person();
    const put = (code: string) => api.http().put('/cart/promotion').set(auth(customer)).send({ code });

    const endedAnswer = (await put(ended).expect(422)).body;
    const unknownAnswer = (await put('NO-SUCH-CODE').expect(422)).body;
    expect(endedAnswer.code).toBe('ORDERS.PROMOTION_NOT_VALID');
    expect(unknownAnswer.code).toBe(endedAnswer.code);
    expect(unknownAnswer.detail.replace('NO-SUCH-CODE', ended)).toBe(endedAnswer.detail);

    // Two tries spent above; of 20 more at once, 8 are looked up and the rest refused.
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) => put(`GUESS-${i}`)));
    expect(tries.filter((r) => r.status === 422)).toHaveLength(8);
    const refused = tries.filter((r) => r.status === 429);
    expect(refused).toHaveLength(12);
    expect(refused[0].body.code).toBe('ORDERS.TOO_MANY_PROMOTION_ATTEMPTS');
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(500);
  });
});
