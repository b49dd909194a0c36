import { startTestStack, type TestStack } from '../../../test/test-stack';
import { ADDRESS, shopApi, type Shopper } from './shop-api';

/** Limits per customer, small here so the test reaches them: 3 unpaid orders, 8 units held, 6 placements a minute. */
describe('one account cannot hoard stock', () => {
  let stack: TestStack;
  let shop: ReturnType<typeof shopApi>;
  let admin: Shopper;

  beforeAll(async () => {
    stack = await startTestStack({
      relay: true,
      env: { ORDER_MAX_UNPAID_PER_CUSTOMER: '3', ORDER_MAX_UNPAID_UNITS_PER_CUSTOMER: '8', ORDER_PLACEMENTS_PER_MINUTE: '6' },
    });
    shop = shopApi(stack);
    admin = await shop.person('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('caps unpaid orders under 20 concurrent attempts, before the stock is gone; another customer still buys', async () => {
    const { productId } = await shop.stockedProduct(admin, { onHand: 20 });
    const hoarder = await shop.person();

    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => shop.placeOrder(hoarder, { items: [{ productId, quantity: 2 }], shippingAddress: ADDRESS })),
    );
    const placed = attempts.filter((r) => r.status === 201);
    const refused = attempts.filter((r) => r.status === 409);
    expect(placed).toHaveLength(3);
    expect(refused).toHaveLength(17);
    expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['ORDERS.TOO_MANY_UNPAID_ORDERS']));
    expect(refused[0].headers['content-type']).toContain('application/problem+json');

    const neighbour = await shop.person();
    const single = await shop.placeOrder(neighbour, { items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS });
    expect(single.status).toBe(201);
    await shop.untilStatus(neighbour, single.body.id, 'AWAITING_PAYMENT');
    await shop.untilStatus(hoarder, placed[0].body.id, 'AWAITING_PAYMENT');
    expect((await shop.stockOf(productId)).reserved).toBe(7);
  });

  it('caps the units unpaid orders hold together', async () => {
    const { productId } = await shop.stockedProduct(admin, { onHand: 20 });
    const customer = await shop.person();
    expect((await shop.placeOrder(customer, { items: [{ productId, quantity: 5 }], shippingAddress: ADDRESS })).status).toBe(201);
    const over = await shop.placeOrder(customer, { items: [{ productId, quantity: 4 }], shippingAddress: ADDRESS });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'ORDERS.TOO_MANY_UNPAID_UNITS', status: 409 });
    expect((await shop.placeOrder(customer, { items: [{ productId, quantity: 3 }], shippingAddress: ADDRESS })).status).toBe(201);
  });

  it('limits how fast one account places orders, even ones it cancels: 429 with Retry-After', async () => {
    const { productId } = await shop.stockedProduct(admin, { onHand: 20 });
    const customer = await shop.person();
    for (let i = 0; i < 6; i += 1) {
      const placed = await shop.placeOrder(customer, { items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS });
      expect(placed.status).toBe(201);
      expect((await shop.cancel(customer, placed.body.id)).status).toBe(200);
    }
    const tooFast = await shop.placeOrder(customer, { items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS });
    expect(tooFast.status).toBe(429);
    expect(tooFast.body).toMatchObject({ code: 'ORDERS.TOO_MANY_ORDERS', status: 429 });
    expect(Number(tooFast.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(tooFast.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
