import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signIn } from '../../../test/signed-in';
import { startTestStack, type TestStack } from '../../../test/test-stack';

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f'];
/** Every C0 control but tab, line feed and carriage return, and DEL. */
const EVERY_CONTROL = [...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c)), '\u007f'];

/** Control characters are refused at the edge with the field named: never a 500, never stored, never logged. */
describe('control characters in a request', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('GET /products?q=%00 answers 400 naming the parameter', async () => {
    const response = await request(stack.baseUrl).get('/products?q=%00');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTERS', errors: [{ field: 'q' }] });
  });

  it('a registration whose name holds U+0000 answers 400 naming the field, and creates no account', async () => {
    const email = `nul-${randomUUID()}@example.com`;
    const response = await request(stack.baseUrl).post('/auth/register').send({ email, password: 'a-long-password-1', name: 'Eve\u0000lyn' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTERS', errors: [{ field: 'name' }] });
    expect(await stack.db('users')('users').where({ email }).first()).toBeUndefined();
  });

  it('names nested fields and path segments', async () => {
    const customer = await signIn(stack);
    const order = await request(stack.baseUrl)
      .post('/orders')
      .set('authorization', `Bearer ${customer.token}`)
      .set('idempotency-key', randomUUID())
      .send({ items: [{ productId: `${randomUUID()}\u0000`, quantity: 1 }], shippingAddress: { name: 'A', line1: 'x\u0001', city: 'B', postalCode: '1', country: 'DE' } });
    expect(order.status).toBe(400);
    expect(order.body.errors.map((e: { field: string }) => e.field)).toEqual(['items[0].productId', 'shippingAddress.line1']);
    const path = await request(stack.baseUrl).get('/products/%00');
    expect(path.status).toBe(400);
    expect(path.body.code).toBe('REQUEST.CONTROL_CHARACTERS');
  });

  it('lets tab and line breaks through in body text, where text allows them', async () => {
    const email = `tab-${randomUUID()}@example.com`;
    const response = await request(stack.baseUrl).post('/auth/register').send({ email, password: 'a-long-password-1', name: 'Ann\tLee' });
    expect(response.status).not.toBe(500);
    expect(response.body.code).not.toBe('REQUEST.CONTROL_CHARACTERS');
  });

  it('answers 4xx, never 5xx, to every control character in every field of the public endpoints', async () => {
    const customer = await signIn(stack);
    const statuses: number[] = [];
    for (const control of CONTROLS) {
      const bad = `x${control}y`;
      const answers = await Promise.all([
        request(stack.baseUrl).get(`/products?q=${encodeURIComponent(bad)}`),
        request(stack.baseUrl).get(`/products?cursor=${encodeURIComponent(bad)}&limit=5`),
        request(stack.baseUrl).get(`/products?category=${encodeURIComponent(bad)}`),
        request(stack.baseUrl).get(`/products/${encodeURIComponent(bad)}`),
        request(stack.baseUrl).post('/auth/register').send({ email: `${randomUUID()}@example.com`, password: `pw-${bad}-long-enough`, name: 'A' }),
        request(stack.baseUrl).post('/auth/register').send({ email: `a${control}@example.com`, password: 'a-long-password-1', name: 'A' }),
        request(stack.baseUrl).post('/auth/login').send({ email: bad, password: bad }),
        request(stack.baseUrl).put('/cart/promotion').set('authorization', `Bearer ${customer.token}`).send({ code: bad }),
        request(stack.baseUrl).get(`/orders?cursor=${encodeURIComponent(bad)}`).set('authorization', `Bearer ${customer.token}`),
      ]);
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s < 400 || s >= 500)).toEqual([]);
  });

  it('answers 4xx, never 5xx, to 500+ requests with any control character in any field or parameter, customer or admin', async () => {
    const customer = await signIn(stack);
    const admin = await signIn(stack, 'admin');
    const as = (who: { token: string }) => ({ authorization: `Bearer ${who.token}` });
    const api = () => request(stack.baseUrl);
    const product = randomUUID();
    const failures: string[] = [];
    let sent = 0;
    for (const control of EVERY_CONTROL) {
      const bad = `x${control}y`;
      const q = encodeURIComponent(bad);
      const calls: Array<[string, Promise<request.Response>]> = [
        ['GET /products?q', api().get(`/products?q=${q}`)],
        ['GET /products?sort', api().get(`/products?sort=${q}`)],
        ['GET /products?minPrice', api().get(`/products?minPrice=${q}`)],
        ['GET /inventory/{id}', api().get(`/inventory/${q}`)],
        ['POST /auth/refresh', api().post('/auth/refresh').send({ refreshToken: bad })],
        ['POST /auth/logout', api().post('/auth/logout').send({ refreshToken: bad })],
        ['PATCH /users/me name', api().patch('/users/me').set(as(customer)).send({ name: bad })],
        ['PATCH /users/me address', api().patch('/users/me').set(as(customer)).send({ shippingAddress: { line1: bad, postalCode: '1', city: 'B', country: 'DE' } })],
        ['PUT /cart/lines/{id}', api().put(`/cart/lines/${q}`).set(as(customer)).send({ quantity: 1 })],
        ['PUT /cart/lines quantity', api().put(`/cart/lines/${product}`).set(as(customer)).send({ quantity: bad })],
        ['POST /cart/checkout', api().post('/cart/checkout').set(as(customer)).set('idempotency-key', randomUUID()).send({ shippingAddress: { name: bad, line1: 'a', city: 'b', postalCode: '1', country: 'DE' } })],
        ['POST /orders promotionCode', api().post('/orders').set(as(customer)).set('idempotency-key', randomUUID()).send({ items: [{ productId: product, quantity: 1 }], promotionCode: bad })],
        ['POST /payments token', api().post('/payments').set(as(customer)).set('idempotency-key', randomUUID()).send({ orderId: product, paymentMethod: { type: 'card', token: bad } })],
        ['GET /payments?orderId', api().get(`/payments?orderId=${q}`).set(as(customer))],
        ['POST /products', api().post('/products').set(as(admin)).send({ sku: bad, name: bad, description: bad, priceCents: 100, currency: 'EUR', category: bad })],
        ['POST /promotions', api().post('/promotions').set(as(admin)).send({ code: bad, kind: 'percentage', value: 10 })],
        ['GET /users?q', api().get(`/users?q=${q}`).set(as(admin))],
        ['POST /inventory adjustment note', api().post(`/inventory/${product}/adjustments`).set(as(admin)).send({ delta: 1, reason: 'restock', note: bad })],
      ];
      for (const [name, call] of calls) {
        const answer = await call;
        sent += 1;
        if (answer.status < 400 || answer.status >= 500) failures.push(`${name} with U+${control.charCodeAt(0).toString(16).padStart(4, '0')}: ${answer.status}`);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(500);
    expect(failures).toEqual([]);
  });

  it('keeps a client request id of a safe shape and replaces any other', async () => {
    const kept = await request(stack.baseUrl).get('/health/live').set('x-request-id', 'checkout-7f3a.2');
    expect(kept.headers['x-request-id']).toBe('checkout-7f3a.2');
    for (const unsafe of ['a'.repeat(129), '<script>', 'id with spaces', 'json{"x":1}']) {
      const replaced = await request(stack.baseUrl).get('/health/live').set('x-request-id', unsafe);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
