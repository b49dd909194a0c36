import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signIn } from '../../../test/signed-in';
import { startTestStack, type TestStack } from '../../../test/test-stack';

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f'];

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
});
