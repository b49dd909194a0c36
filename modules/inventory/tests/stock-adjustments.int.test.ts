import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { StockItemStream } from '../../../proto/streams';
import { outboxEvents } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { signIn } from '../../../test/signed-in';
import { stockedProduct as stockedProductOf } from './stocked-product';

describe('admins keep the stock on hand right', () => {
  let stack: TestStack;
  let admin: string;
  let customer: string;
  const api = () => request(stack.baseUrl);

  const stockedProduct = (onHand: number) => stockedProductOf(stack, admin, onHand, 'Oat milk');

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['inventory'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
    customer = `Bearer ${(await signIn(stack, 'customer')).token}`;
  });

  afterAll(async () => {
    await stack.stop();
  });

  const levelOf = async (variantId: string) => (await api().get(`/inventory/${variantId}/level`).set('Authorization', admin).expect(200)).body;

  it('opens an empty stock item for every new product', async () => {
    const variantId = await stockedProduct(0);
    expect(await levelOf(variantId)).toMatchObject({ variantId, onHand: 0, reserved: 0, available: 0, availability: 'OUT_OF_STOCK' });
  });

  it('shows anyone whether a product can be ordered, and only admins how many units there are', async () => {
    const variantId = await stockedProduct(3);
    expect((await api().get(`/inventory/${variantId}`).expect(200)).body).toEqual({ variantId, productId: variantId, availability: 'LOW_STOCK' });
    await api().post(`/inventory/${variantId}/adjustments`).set('Authorization', admin).send({ delta: 10, reason: 'restock' }).expect(201);
    expect((await api().get(`/inventory/${variantId}`).set('Authorization', customer).expect(200)).body).toEqual({ variantId, productId: variantId, availability: 'IN_STOCK' });
    await api().get(`/inventory/${variantId}/level`).set('Authorization', customer).expect(403);
    await api().get(`/inventory/${variantId}/level`).expect(401);
    expect(await levelOf(variantId)).toMatchObject({ onHand: 13, reserved: 0, available: 13, lowStockThreshold: 5 });
  });

  it('restocks, records the audit trail and announces the new level', async () => {
    const variantId = await stockedProduct(0);
    const { body: adjustment } = await api()
      .post(`/inventory/${variantId}/adjustments`)
      .set('Authorization', admin)
      .send({ delta: 24, reason: 'restock', note: 'Weekly delivery' })
      .expect(201);
    expect(adjustment).toMatchObject({ variantId, delta: 24, reason: 'restock', note: 'Weekly delivery', onHandAfter: 24, availableAfter: 24 });

    expect(await levelOf(variantId)).toMatchObject({ onHand: 24, reserved: 0, available: 24 });
    const events = (await outboxEvents(stack.db('inventory'), StockItemStream)).filter((e) => e.aggregateId === variantId);
    expect(events.map((e) => e.event)).toEqual(['stockAdjusted', 'stockLevelChanged']);
    expect(events[0].stockAdjusted).toMatchObject({ delta: 24, reason: 'restock', onHand: 24, available: 24, adjustmentId: adjustment.id });
    expect(events[1].stockLevelChanged).toMatchObject({ variantId, onHand: 24, reserved: 0, available: 24 });

    const trail = await api().get(`/inventory/${variantId}/adjustments`).set('Authorization', admin).expect(200);
    expect(trail.body.items).toEqual([adjustment]);
  });

  it('never takes the stock below zero, and changes nothing when refused', async () => {
    const variantId = await stockedProduct(5);
    const before = (await outboxEvents(stack.db('inventory'), StockItemStream)).length;
    const response = await api()
      .post(`/inventory/${variantId}/adjustments`)
      .set('Authorization', admin)
      .send({ delta: -6, reason: 'damage' })
      .expect(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'INVENTORY.INSUFFICIENT_STOCK', onHand: 5, reserved: 0, available: 5 });
    expect((await levelOf(variantId)).onHand).toBe(5);
    expect((await outboxEvents(stack.db('inventory'), StockItemStream)).length).toBe(before);
  });

  it.each([
    ['a zero delta', { delta: 0, reason: 'correction' }, 'INVENTORY.INVALID_ADJUSTMENT'],
    ['a restock that removes stock', { delta: -1, reason: 'restock' }, 'INVENTORY.INVALID_ADJUSTMENT'],
    ['damage that adds stock', { delta: 1, reason: 'damage' }, 'INVENTORY.INVALID_ADJUSTMENT'],
    ['an unknown reason', { delta: 1, reason: 'gift' }, 'REQUEST.VALIDATION_FAILED'],
    ['a fractional delta', { delta: 1.5, reason: 'restock' }, 'REQUEST.VALIDATION_FAILED'],
    ['a missing reason', { delta: 1 }, 'REQUEST.VALIDATION_FAILED'],
  ])('rejects %s with a 400 problem', async (_case, body, code) => {
    const variantId = await stockedProduct(0);
    const response = await api().post(`/inventory/${variantId}/adjustments`).set('Authorization', admin).send(body).expect(400);
    expect(response.body.code).toBe(code);
  });

  it('answers for unknown products with 404 and keeps adjustments to admins', async () => {
    const unknown = randomUUID();
    expect((await api().get(`/inventory/${unknown}`).expect(404)).body.code).toBe('INVENTORY.STOCK_ITEM_NOT_FOUND');
    await api().post(`/inventory/${unknown}/adjustments`).set('Authorization', admin).send({ delta: 1, reason: 'restock' }).expect(404);
    await api().post(`/inventory/${unknown}/adjustments`).send({ delta: 1, reason: 'restock' }).expect(401);
    await api().post(`/inventory/${unknown}/adjustments`).set('Authorization', customer).send({ delta: 1, reason: 'restock' }).expect(403);
    await api().get('/inventory').set('Authorization', customer).expect(403);
  });

  it('applies a retried adjustment with the same Idempotency-Key once', async () => {
    const variantId = await stockedProduct(0);
    const send = (delta: number) =>
      api()
        .post(`/inventory/${variantId}/adjustments`)
        .set('Authorization', admin)
        .set('Idempotency-Key', 'delivery-4711')
        .send({ delta, reason: 'restock' });

    const first = await send(10).expect(201);
    const retry = await send(10).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect((await levelOf(variantId)).onHand).toBe(10);
    expect((await send(11).expect(422)).body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
  });

  it('lists low stock items by threshold, page by page', async () => {
    const low = await stockedProduct(2);
    const plenty = await stockedProduct(50);
    await api().put(`/inventory/${plenty}/low-stock-threshold`).set('Authorization', admin).send({ threshold: 60 }).expect(200);
    const custom = await stockedProduct(8);
    const { body: item } = await api()
      .put(`/inventory/${custom}/low-stock-threshold`)
      .set('Authorization', admin)
      .send({ threshold: 1 })
      .expect(200);
    expect(item).toMatchObject({ variantId: custom, lowStockThreshold: 1, lowStock: false, available: 8 });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api()
        .get('/inventory')
        .query({ lowStock: true, limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', admin)
        .expect(200);
      for (const entry of body.items) expect(entry.available).toBeLessThanOrEqual(entry.lowStockThreshold);
      seen.push(...body.items.map((entry: { variantId: string }) => entry.variantId));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([low, plenty]));
    expect(seen).not.toContain(custom);
    expect(new Set(seen).size).toBe(seen.length);

    const badCursor = await api().get('/inventory').query({ cursor: 'xyz' }).set('Authorization', admin).expect(400);
    expect(badCursor.body.code).toBe('INVENTORY.INVALID_CURSOR');
  });
});
