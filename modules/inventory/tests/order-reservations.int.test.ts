import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrderStream, ReservationStream, type mart } from '../../../proto/streams';
import { createModuleDatabase } from '../../../src/db/database';
import { publishUpstream } from '../../../test/upstream-event';
import { outboxEvents, untilRecorded } from '../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { lockRowsOfBatch } from '../application/lock-rows-of-batch';
import { reserveStock } from '../application/reserve-stock';
import { commitStockWhenFulfilmentShipped } from '../consumers/commit-stock-when-fulfilment-shipped.consumer';
import { releaseOrReturnStockWhenOrderCancelled } from '../consumers/release-or-return-stock-when-order-cancelled.consumer';
import { releaseStockWhenOrderExpired } from '../consumers/release-stock-when-order-expired.consumer';
import { reserveStockWhenOrderPlaced } from '../consumers/reserve-stock-when-order-placed.consumer';
import { handleAsOneBatch } from '../../../test/consumer-batch';
import { causeOf } from '../../../src/messaging/event-cause';
import { signIn } from '../../../test/signed-in';
import { stockedProduct as stockedProductOf } from './stocked-product';

type ReservationEvent = mart.inventory.v1.ReservationEvent;

describe('orders reserve, commit and release stock', () => {
  let stack: TestStack;
  let admin: string;
  const api = () => request(stack.baseUrl);

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['inventory'], relay: true });
    admin = `Bearer ${(await signIn(stack, 'admin')).token}`;
  });

  afterAll(async () => {
    await stack.stop();
  });

  const stockedProduct = (onHand: number) => stockedProductOf(stack, admin, onHand);

  const level = async (variantId: string) => (await api().get(`/inventory/${variantId}/level`).set('Authorization', admin).expect(200)).body;

  const line = (variantId: string, quantity: number) => ({
    variantId,
    sku: 'SKU',
    name: 'Espresso beans',
    quantity,
    unitPrice: { amountMinor: 899, currency: 'EUR' },
    lineTotal: { amountMinor: 899 * quantity, currency: 'EUR' },
  });

  /** The ids of the order events each test delivered, by order. */
  const sent = new Map<string, string[]>();
  const remember = (orderId: string, event: { eventId: string }) => sent.set(orderId, [...(sent.get(orderId) ?? []), event.eventId]);

  async function placeOrder(orderId: string, lines: ReturnType<typeof line>[]) {
    remember(orderId, await publishUpstream(stack, OrderStream, orderId, 'orderPlaced', { orderId, customerId: randomUUID(), lines, total: { amountMinor: 0, currency: 'EUR' } }));
  }

  const defaultLocation = async (): Promise<string> => (await stack.db('inventory')('stock_locations').where('code', 'default').first('id')).id;

  async function ships(orderId: string, variantId: string, quantity: number) {
    const shipment = { orderId, fulfilmentId: randomUUID(), locationId: await defaultLocation(), lines: [{ variantId, quantity }], trackingNumber: 'T1' };
    remember(orderId, await publishUpstream(stack, OrderStream, orderId, 'fulfilmentShipped', shipment));
    return shipment.fulfilmentId;
  }

  async function orderEnds(orderId: string, how: 'orderPaid' | 'orderCancelled' | 'orderExpired', refundRequired = false) {
    switch (how) {
      case 'orderPaid':
        return remember(orderId, await publishUpstream(stack, OrderStream, orderId, 'orderPaid', { orderId, paymentId: randomUUID() }));
      case 'orderCancelled':
        return remember(orderId, await publishUpstream(stack, OrderStream, orderId, 'orderCancelled', { orderId, refundRequired, reason: 'customer asked' }));
      case 'orderExpired':
        return remember(orderId, await publishUpstream(stack, OrderStream, orderId, 'orderExpired', { orderId }));
    }
  }

  const reservationEvents = async (orderId: string): Promise<ReservationEvent[]> =>
    (await outboxEvents(stack.db('inventory'), ReservationStream)).filter((e) => e.aggregateId === orderId);

  const waitForReservationEvents = (orderId: string, count: number): Promise<ReservationEvent[]> =>
    untilRecorded(stack, ReservationStream, (e) => e.aggregateId === orderId, count);

  /** Lets a later event be processed, so that "nothing happened" is observed after it had its chance. */
  async function afterInboxHandled(orderId: string, handlers: number) {
    const eventIds = sent.get(orderId) ?? [];
    await waitFor(`order ${orderId} events handled`, async () => {
      const handled = await stack.db('inventory')('inbox').whereIn('event_id', eventIds).count({ n: '*' });
      return Number(handled[0].n) >= handlers || undefined;
    });
  }

  it('reserves all lines of an order, which lowers availability but not the stock on hand', async () => {
    const beans = await stockedProduct(5);
    const milk = await stockedProduct(3);
    const orderId = randomUUID();
    await placeOrder(orderId, [line(beans, 2), line(milk, 3)]);

    const [reserved] = await waitForReservationEvents(orderId, 1);
    expect(reserved.event).toBe('stockReserved');
    expect(reserved.stockReserved!.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: beans, quantity: 2, allocations: [expect.objectContaining({ locationCode: 'default', quantity: 2 })] }),
        expect.objectContaining({ variantId: milk, quantity: 3, allocations: [expect.objectContaining({ locationCode: 'default', quantity: 3 })] }),
      ]),
    );
    expect(await level(beans)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await level(milk)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });

    const belowReserved = await api().post(`/inventory/${beans}/adjustments`).set('Authorization', admin).send({ delta: -4, reason: 'damage' }).expect(409);
    expect(belowReserved.body.code).toBe('INVENTORY.INSUFFICIENT_STOCK');
  });

  it('reserves nothing when one line is short, and says which', async () => {
    const beans = await stockedProduct(5);
    const milk = await stockedProduct(1);
    const orderId = randomUUID();
    await placeOrder(orderId, [line(beans, 2), line(milk, 2)]);

    const [failed] = await waitForReservationEvents(orderId, 1);
    expect(failed.stockReservationFailed).toMatchObject({
      orderId,
      reason: 'insufficient_stock',
      shortLines: [{ variantId: milk, requested: 2, available: 1 }],
    });
    expect(await level(beans)).toMatchObject({ reserved: 0, available: 5 });
    expect(await level(milk)).toMatchObject({ reserved: 0, available: 1 });

    await orderEnds(orderId, 'orderCancelled');
    await afterInboxHandled(orderId, 2);
    expect((await reservationEvents(orderId)).map((e) => e.event)).toEqual(['stockReservationFailed']);
  });

  it('releases the stock of a cancelled or expired unpaid order, once', async () => {
    const beans = await stockedProduct(4);
    const cancelled = randomUUID();
    const expired = randomUUID();
    await placeOrder(cancelled, [line(beans, 1)]);
    await placeOrder(expired, [line(beans, 2)]);
    await waitForReservationEvents(cancelled, 1);
    await waitForReservationEvents(expired, 1);
    expect(await level(beans)).toMatchObject({ onHand: 4, reserved: 3 });

    await orderEnds(cancelled, 'orderCancelled');
    await orderEnds(expired, 'orderExpired');
    const [, released] = await waitForReservationEvents(cancelled, 2);
    expect(released.stockReleased).toMatchObject({ orderId: cancelled, reason: 'order_cancelled', lines: [{ variantId: beans, quantity: 1 }] });
    const [, expiredRelease] = await waitForReservationEvents(expired, 2);
    expect(expiredRelease.stockReleased).toMatchObject({ reason: 'order_expired' });
    expect(await level(beans)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });

    await orderEnds(cancelled, 'orderCancelled');
    await placeOrder(cancelled, [line(beans, 1)]);
    await afterInboxHandled(cancelled, 4);
    expect((await reservationEvents(cancelled)).map((e) => e.event)).toEqual(['stockReserved', 'stockReleased']);
    expect(await level(beans)).toMatchObject({ reserved: 0 });
  });

  it('keeps a paid order reserved until it ships, commits each parcel as it ships, and ignores a late expiry', async () => {
    const beans = await stockedProduct(5);
    const orderId = randomUUID();
    await placeOrder(orderId, [line(beans, 3)]);
    await waitForReservationEvents(orderId, 1);
    await orderEnds(orderId, 'orderPaid');
    await afterInboxHandled(orderId, 1);
    expect(await level(beans)).toMatchObject({ onHand: 5, reserved: 3, available: 2 });

    const first = await ships(orderId, beans, 1);
    const [, committed] = await waitForReservationEvents(orderId, 2);
    expect(committed.stockCommitted).toMatchObject({ orderId, fulfilmentId: first, lines: [{ variantId: beans, quantity: 1 }] });
    expect(await level(beans)).toMatchObject({ onHand: 4, reserved: 2, available: 2 });
    expect((await stack.db('inventory')('reservations').where('order_id', orderId).first()).status).toBe('RESERVED');

    await ships(orderId, beans, 2);
    await waitForReservationEvents(orderId, 3);
    expect(await level(beans)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    expect((await stack.db('inventory')('reservations').where('order_id', orderId).first()).status).toBe('COMMITTED');

    await orderEnds(orderId, 'orderExpired');
    await afterInboxHandled(orderId, 4);
    expect(await level(beans)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('releases a paid order that is cancelled before it ships, once', async () => {
    const beans = await stockedProduct(5);
    const orderId = randomUUID();
    await placeOrder(orderId, [line(beans, 2)]);
    await waitForReservationEvents(orderId, 1);
    await orderEnds(orderId, 'orderPaid');
    await orderEnds(orderId, 'orderCancelled', true);
    const [, released] = await waitForReservationEvents(orderId, 2);
    expect(released.stockReleased).toMatchObject({ orderId, reason: 'order_cancelled' });
    expect(await level(beans)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });

    await orderEnds(orderId, 'orderCancelled', true);
    await afterInboxHandled(orderId, 3);
    expect(await level(beans)).toMatchObject({ onHand: 5, reserved: 0 });
    expect((await reservationEvents(orderId)).map((e) => e.event)).toEqual(['stockReserved', 'stockReleased']);
  });

  it('gives the last unit to exactly one of 100 orders placed at once', async () => {
    const lastUnit = await stockedProduct(1);
    const orderIds: string[] = Array.from({ length: 100 }, () => randomUUID());
    await Promise.all(orderIds.map((orderId) => placeOrder(orderId, [line(lastUnit, 1)])));

    const outcomes = await waitFor(
      'all 100 reservation outcomes',
      async () => {
        const events = (await outboxEvents(stack.db('inventory'), ReservationStream)).filter((e) => orderIds.includes(e.aggregateId));
        return events.length >= 100 ? events : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );
    expect(outcomes.filter((e) => e.stockReserved)).toHaveLength(1);
    expect(outcomes.filter((e) => e.stockReservationFailed)).toHaveLength(99);
    expect(await level(lastUnit)).toMatchObject({ variantId: lastUnit, onHand: 1, reserved: 1, available: 0 });
  });

  const handlers = [reserveStockWhenOrderPlaced, commitStockWhenFulfilmentShipped, releaseOrReturnStockWhenOrderCancelled, releaseStockWhenOrderExpired];
  const envelope = (orderId: string, event: Record<string, unknown>) => OrderStream.codec.create({ eventId: randomUUID(), aggregateId: orderId, ...event });

  it('settles a batch of placements and endings in a few statements, each order in its own events\' order, refusals recorded', async () => {
    const product = await stockedProduct(5);
    const [a, b, c]: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [
      envelope(a, { orderPlaced: { orderId: a, lines: [line(product, 2)] } }),
      envelope(b, { orderPlaced: { orderId: b, lines: [line(product, 1)] } }),
      envelope(a, { orderCancelled: { orderId: a, lines: [line(product, 2)] } }),
      envelope(a, { orderExpired: { orderId: a } }),
      envelope(c, { orderPlaced: { orderId: c, lines: [line(product, 2)] } }),
      envelope(b, { fulfilmentShipped: { orderId: b, fulfilmentId: randomUUID(), locationId: await defaultLocation(), lines: [{ variantId: product, quantity: 1 }] } }),
    ];
    const result = await handleAsOneBatch(stack.db('inventory'), handlers, batch, lockRowsOfBatch);

    expect(result.refused).toBe(1);
    const statuses = await stack.db('inventory')('reservations').whereIn('order_id', [a, b, c]).select('order_id', 'status');
    expect(Object.fromEntries(statuses.map((row) => [row.order_id, row.status]))).toEqual({ [a]: 'RELEASED', [b]: 'COMMITTED', [c]: 'RESERVED' });
    expect(await level(product)).toMatchObject({ variantId: product, onHand: 4, reserved: 2, available: 2 });
    for (const [orderId, events] of [[a, ['stockReserved', 'stockReleased']], [b, ['stockReserved', 'stockCommitted']], [c, ['stockReserved']]] as const) {
      expect((await reservationEvents(orderId)).map((e) => e.event)).toEqual(events);
    }
    const inbox = await stack.db('inventory')('inbox').whereIn('event_id', batch.map((e) => e.eventId)).select('event_id', 'outcome', 'refusal');
    expect(inbox.filter((row) => row.outcome === 'refused')).toEqual([{ event_id: batch[3].eventId, outcome: 'refused', refusal: 'the reservation is RELEASED' }]);
  });

  it('runs batches locking overlapping stock rows side by side without a deadlock, and oversells nothing', async () => {
    const products = [await stockedProduct(40), await stockedProduct(40), await stockedProduct(40)];
    const wide = createModuleDatabase({ url: stack.config.database.url, schema: 'inventory', poolMax: 12 });
    try {
      // Twelve batches at once, each placing ten orders whose lines name the products in a different order.
      const batches = Array.from({ length: 12 }, (_, n) =>
        Array.from({ length: 10 }, (_, i) => {
          const orderId = randomUUID();
          const names = n % 2 === 0 ? products : [...products].reverse();
          return envelope(orderId, { orderPlaced: { orderId, lines: names.slice(i % 3).map((p) => line(p, 1)) } });
        }),
      );
      const results = await Promise.all(batches.map((batch) => handleAsOneBatch(wide, handlers, batch, lockRowsOfBatch)));
      const reserved = new Map(products.map((p) => [p, 0]));
      const orderIds = batches.flat().map((e) => e.aggregateId);
      const rows: Array<{ lines: Array<{ variantId: string; quantity: number }>; status: string }> = await wide('reservations').whereIn('order_id', orderIds);
      for (const row of rows.filter((r) => r.status === 'RESERVED')) for (const l of row.lines) reserved.set(l.variantId, reserved.get(l.variantId)! + l.quantity);
      expect(rows).toHaveLength(120);
      for (const product of products) {
        const { onHand, reserved: held } = await level(product);
        expect({ onHand, held }).toEqual({ onHand: 40, held: reserved.get(product) });
        expect(held).toBeLessThanOrEqual(40);
      }
      // Stock for 120 units of the first-named product is short: the refusals are the failed reservations.
      expect(results.reduce((n, r) => n + r.refused, 0)).toBe(rows.filter((r) => r.status === 'FAILED').length);
    } finally {
      await wide.destroy();
    }
  });

  it('lets only one of 100 concurrent reservation transactions take the last unit', async () => {
    const lastUnit = await stockedProduct(1);
    const wide = createModuleDatabase({ url: stack.config.database.url, schema: 'inventory', poolMax: 16 });
    try {
      const orderIds = Array.from({ length: 100 }, () => randomUUID());
      await Promise.all(
        orderIds.map((orderId) =>
          wide.transaction((trx) => reserveStock(trx, [{ orderId, lines: [{ variantId: lastUnit, quantity: 1 }], cause: causeOf(envelope(orderId, {}), {}) }])),
        ),
      );
      const statuses: { status: string; n: number }[] = await wide('reservations')
        .whereIn('order_id', orderIds)
        .groupBy('status')
        .select('status')
        .count({ n: '*' });
      expect(Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)]))).toEqual({ RESERVED: 1, FAILED: 99 });
      expect(await level(lastUnit)).toMatchObject({ variantId: lastUnit, onHand: 1, reserved: 1, available: 0 });
    } finally {
      await wide.destroy();
    }
  });
});
