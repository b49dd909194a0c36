import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrderStream, ReservationStream, StockItemStream } from '../../../proto/streams';
import { createModuleDatabase } from '../../../src/db/database';
import { causeOf } from '../../../src/messaging/event-cause';
import { outboxEvents, untilRecorded } from '../../../test/event-probe';
import { olderSchema } from '../../../test/older-schema';
import { signIn } from '../../../test/signed-in';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { publishUpstream } from '../../../test/upstream-event';
import { reserveStock } from '../application/reserve-stock';
import { stockedProduct } from './stocked-product';

describe('stock at several locations', () => {
  let stack: TestStack;
  let admin: string;
  const api = () => request(stack.baseUrl);
  const run = randomUUID().slice(0, 6);

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['inventory'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
  });

  afterAll(async () => {
    await stack.stop();
  });

  async function location(code: string, priority: number, active = true): Promise<string> {
    const { body } = await api().post('/stock-locations').set('Authorization', admin).send({ code: `${code}-${run}`, name: `Warehouse ${code}`, country: 'DE', priority, active }).expect(201);
    return body.id;
  }

  const restock = (variantId: string, delta: number, locationId?: string) =>
    api().post(`/inventory/${variantId}/adjustments`).set('Authorization', admin).send({ delta, reason: delta > 0 ? 'restock' : 'correction', locationId });

  const level = async (variantId: string) => (await api().get(`/inventory/${variantId}/level`).set('Authorization', admin).expect(200)).body;

  const atLocation = async (variantId: string, locationId: string) =>
    ((await level(variantId)).locations as Array<{ locationId: string; onHand: number; reserved: number }>).find((l) => l.locationId === locationId);

  const line = (variantId: string, quantity: number) => ({ productId: variantId, variantId, sku: 'SKU', name: 'Tee', quantity });

  const placeOrder = (orderId: string, lines: ReturnType<typeof line>[]) =>
    publishUpstream(stack, OrderStream, orderId, 'orderPlaced', { orderId, customerId: randomUUID(), lines, total: { amountMinor: 0, currency: 'EUR' } });

  const reservationOf = async (orderId: string) => (await untilRecorded(stack, ReservationStream, (e) => e.aggregateId === orderId, 1))[0];

  it('lets admins keep locations: a default one from the start, unique codes, clear problems, and no deleting one in use', async () => {
    const { body: all } = await api().get('/stock-locations').set('Authorization', admin).expect(200);
    expect(all[0]).toMatchObject({ code: 'default', priority: 0, active: true });
    const id = await location('crud', 50);
    const taken = await api().post('/stock-locations').set('Authorization', admin).send({ code: `crud-${run}`, name: 'Again', country: 'FR' }).expect(409);
    expect(taken.body.code).toBe('INVENTORY.LOCATION_CODE_TAKEN');
    const invalid = await api().post('/stock-locations').set('Authorization', admin).send({ code: `ok-${run}`, name: ' ', country: 'FR' }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'INVENTORY.INVALID_LOCATION', errors: [{ field: 'name', message: 'must be 1-100 characters' }] });
    const outOfRange = await api().post('/stock-locations').set('Authorization', admin).send({ code: `ok-${run}`, name: 'Ok', country: 'FR', priority: 20000 }).expect(400);
    expect(outOfRange.body.errors).toEqual([expect.objectContaining({ field: 'priority' })]);
    const changed = await api().patch(`/stock-locations/${id}`).set('Authorization', admin).send({ name: 'Paris', country: 'FR', active: false }).expect(200);
    expect(changed.body).toMatchObject({ name: 'Paris', country: 'FR', active: false, priority: 50 });

    const variant = await stockedProduct(stack, admin, 0);
    await restock(variant, 2, id).expect(201);
    const inUse = await api().delete(`/stock-locations/${id}`).set('Authorization', admin).expect(409);
    expect(inUse.body.code).toBe('INVENTORY.LOCATION_IN_USE');
    const unused = await location('unused', 60);
    await api().delete(`/stock-locations/${unused}`).set('Authorization', admin).expect(204);
    await api().get(`/stock-locations/${unused}`).set('Authorization', admin).expect(404);
    const customer = `Bearer ${(await signIn(stack, 'customer')).token}`;
    await api().get('/stock-locations').set('Authorization', customer).expect(403);
  });

  it('keeps stock per location: adjustments name a location (default when omitted), the level shows each and their sum', async () => {
    const [north, south] = [await location('north', 10), await location('south', 20)];
    const variant = await stockedProduct(stack, admin, 3);
    await restock(variant, 4, north).expect(201);
    await restock(variant, 5, south).expect(201);
    const tooMuch = await restock(variant, -6, south).expect(409);
    expect(tooMuch.body.code).toBe('INVENTORY.INSUFFICIENT_STOCK');
    const body = await level(variant);
    expect(body).toMatchObject({ onHand: 12, reserved: 0, available: 12 });
    expect(body.locations).toEqual([
      expect.objectContaining({ code: 'default', onHand: 3, available: 3 }),
      expect.objectContaining({ locationId: north, onHand: 4 }),
      expect.objectContaining({ locationId: south, onHand: 5 }),
    ]);
    const changed = (await outboxEvents(stack.db('inventory'), StockItemStream)).filter((e) => e.aggregateId === variant && e.stockLevelChanged).at(-1)!;
    expect(changed.stockLevelChanged).toMatchObject({ variantId: variant, onHand: 12, available: 12 });
    expect(changed.stockLevelChanged!.locations).toHaveLength(3);
  });

  it('fills an order from two warehouses when neither has enough, and commits (as each parcel ships) and releases exactly those allocations', async () => {
    const [first, second] = [await location('first', 1), await location('second', 2)];
    const variant = await stockedProduct(stack, admin, 0);
    await restock(variant, 2, first).expect(201);
    await restock(variant, 3, second).expect(201);

    const paid = randomUUID();
    await placeOrder(paid, [line(variant, 4)]);
    const reserved = await reservationOf(paid);
    expect(reserved.stockReserved!.lines![0].allocations).toEqual([
      { locationId: first, locationCode: `first-${run}`, quantity: 2 },
      { locationId: second, locationCode: `second-${run}`, quantity: 2 },
    ]);
    expect(await atLocation(variant, first)).toMatchObject({ onHand: 2, reserved: 2 });
    expect(await atLocation(variant, second)).toMatchObject({ onHand: 3, reserved: 2 });

    await publishUpstream(stack, OrderStream, paid, 'orderPaid', { orderId: paid, paymentId: randomUUID(), lines: [line(variant, 4)] });
    for (const locationId of [first, second]) {
      const shipment = { orderId: paid, fulfilmentId: randomUUID(), locationId, lines: [{ variantId: variant, quantity: 2 }] };
      await publishUpstream(stack, OrderStream, paid, 'fulfilmentShipped', shipment);
    }
    await untilRecorded(stack, ReservationStream, (e) => e.aggregateId === paid && Boolean(e.stockCommitted), 2);
    expect(await atLocation(variant, first)).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await atLocation(variant, second)).toMatchObject({ onHand: 1, reserved: 0 });

    const expired = randomUUID();
    await placeOrder(expired, [line(variant, 1)]);
    expect((await reservationOf(expired)).stockReserved!.lines![0].allocations).toEqual([{ locationId: second, locationCode: `second-${run}`, quantity: 1 }]);
    await publishUpstream(stack, OrderStream, expired, 'orderExpired', { orderId: expired, lines: [line(variant, 1)] });
    await untilRecorded(stack, ReservationStream, (e) => e.aggregateId === expired && Boolean(e.stockReleased), 1);
    expect(await atLocation(variant, second)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await level(variant)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
  });

  it('never allocates at an inactive location', async () => {
    const closed = await location('closed', 0);
    const variant = await stockedProduct(stack, admin, 1);
    await restock(variant, 5, closed).expect(201);
    await api().patch(`/stock-locations/${closed}`).set('Authorization', admin).send({ active: false }).expect(200);
    const orderId = randomUUID();
    await placeOrder(orderId, [line(variant, 2)]);
    const refused = await reservationOf(orderId);
    expect(refused.stockReservationFailed).toMatchObject({ reason: 'insufficient_stock', shortLines: [{ variantId: variant, requested: 2, available: 1 }] });
    await api().get(`/inventory/${variant}`).expect(200);
  });

  it('gives the last 2 units, one at each of two locations, to exactly 2 of 30 racing orders', async () => {
    const [east, west] = [await location('east', 5), await location('west', 6)];
    const variant = await stockedProduct(stack, admin, 0);
    await restock(variant, 1, east).expect(201);
    await restock(variant, 1, west).expect(201);
    const wide = createModuleDatabase({ url: stack.config.database.url, schema: 'inventory', poolMax: 16 });
    try {
      const orderIds = Array.from({ length: 30 }, () => randomUUID());
      const envelope = (orderId: string) => OrderStream.codec.create({ eventId: randomUUID(), aggregateId: orderId });
      await Promise.all(orderIds.map((orderId) => wide.transaction((trx) => reserveStock(trx, [{ orderId, lines: [{ variantId: variant, quantity: 1 }], cause: causeOf(envelope(orderId), {}) }]))));
      const rows: Array<{ status: string; lines: Array<{ allocations: Array<{ locationId: string }> }> }> = await wide('reservations').whereIn('order_id', orderIds);
      const held = rows.filter((row) => row.status === 'RESERVED');
      expect(held).toHaveLength(2);
      expect(held.map((row) => row.lines[0].allocations[0].locationId).sort()).toEqual([east, west].sort());
      expect(await level(variant)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
    } finally {
      await wide.destroy();
    }
  });

  it('moves a stock item, its adjustments and its reservations to the default location in the migration, changing nothing held', async () => {
    const older = await olderSchema(stack, 'inventory', '20261208000000_stock_locations');
    try {
      const [product, order, committed] = [randomUUID(), randomUUID(), randomUUID()];
      await older.db('stock_items').insert({ product_id: product, sku: 'OLD-1', on_hand: 7, reserved: 3, version: 4 });
      await older.db('stock_adjustments').insert({ id: randomUUID(), product_id: product, delta: 7, reason: 'restock', on_hand_after: 7, reserved_after: 0 });
      await older.db('reservations').insert([
        { order_id: order, status: 'RESERVED', lines: JSON.stringify([{ productId: product, quantity: 3 }]) },
        { order_id: committed, status: 'COMMITTED', lines: JSON.stringify([{ productId: product, quantity: 1 }]) },
      ]);
      await older.migrateToLatest();

      const item = await older.db('stock_items').where({ variant_id: product }).first();
      expect(item).toMatchObject({ product_id: product, on_hand: 7, reserved: 3, version: 4 });
      const defaultLocation = await older.db('stock_locations').where({ code: 'default' }).first();
      expect(await older.db('stock_levels').where({ variant_id: product })).toEqual([expect.objectContaining({ location_id: defaultLocation.id, on_hand: 7, reserved: 3 })]);
      expect(await older.db('stock_adjustments').where({ variant_id: product }).first()).toMatchObject({ location_id: defaultLocation.id, delta: 7 });
      const reservation = await older.db('reservations').where({ order_id: order }).first();
      expect(reservation.lines).toEqual([{ variantId: product, productId: product, quantity: 3, allocations: [{ locationId: defaultLocation.id, quantity: 3 }] }]);
    } finally {
      await older.drop();
    }
  });
});
