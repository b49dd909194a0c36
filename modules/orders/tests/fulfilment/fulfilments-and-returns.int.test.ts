import { randomUUID } from 'node:crypto';
import { olderSchema } from '../../../../test/older-schema';
import { startTestStack, type TestStack } from '../../../../test/test-stack';
import { waitFor } from '../../../../test/wait-for';
import { ADDRESS, shopApi, type Shopper } from '../shop-api';

describe('orders ship in parcels from the warehouses holding them, and come back as returns refunded per unit', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;
  const run = randomUUID().slice(0, 6);
  const MALTA = { ...ADDRESS, country: 'MT' };
  let taxRegionId: string;

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
    const region = await as(admin).post('/tax-regions').send({ country: 'MT', rates: { standard: 1800 }, pricesIncludeTax: false, shippingTaxed: true });
    expect(region.status).toBe(201);
    taxRegionId = region.body.id;
  });

  afterAll(async () => {
    await as(admin).delete(`/tax-regions/${taxRegionId}`);
    await stack.stop();
  });

  function as(who: Shopper) {
    const auth = (call: ReturnType<ReturnType<typeof api.http>['get']>) => call.set('Authorization', `Bearer ${who.token}`);
    return {
      get: (path: string) => auth(api.http().get(path)),
      post: (path: string) => auth(api.http().post(path)),
      delete: (path: string) => auth(api.http().delete(path)),
    };
  }

  async function location(code: string, priority: number): Promise<string> {
    const { body, status } = await as(admin).post('/stock-locations').send({ code: `${code}-${run}`, name: `Warehouse ${code}`, country: 'DE', priority });
    expect(status).toBe(201);
    return body.id;
  }

  /** A product stocked only at the locations given, known to orders with what each location has. */
  async function productAt(stock: Record<string, number>, priceCents = 1999): Promise<string> {
    const { productId } = await api.stockedProduct(admin, { priceCents, onHand: 0 });
    for (const [locationId, delta] of Object.entries(stock)) {
      await waitFor('inventory to open the stock item', async () => {
        const restocked = await as(admin).post(`/inventory/${productId}/adjustments`).send({ delta, reason: 'restock', locationId });
        return restocked.status === 201;
      });
    }
    const total = Object.values(stock).reduce((sum, n) => sum + n, 0);
    await waitFor('orders to know the stock per location', async () => {
      const row = await stack.db('orders')('stock_levels').where('variant_id', productId).first();
      return row?.available === total && row.locations.length >= Object.keys(stock).length;
    });
    return productId;
  }

  async function paidOrder(customer: Shopper, productId: string, quantity: number, address = ADDRESS) {
    const placed = await api.placeOrder(customer, { items: [{ variantId: productId, quantity }], shippingAddress: address });
    expect(placed.status).toBe(201);
    await api.untilStatus(customer, placed.body.id, 'AWAITING_PAYMENT');
    await api.pay(customer, placed.body.id);
    return api.untilStatus(customer, placed.body.id, 'PAID');
  }

  const fulfil = (orderId: string, locationId: string, variantId: string, quantity: number) =>
    as(admin).post(`/orders/${orderId}/fulfilments`).send({ locationId, lines: [{ variantId, quantity }] });
  const ship = (fulfilmentId: string, trackingNumber: string) =>
    as(admin).post(`/fulfilments/${fulfilmentId}/ship`).send({ carrier: 'DHL', trackingNumber, trackingUrl: `https://track.example/${trackingNumber}` });
  const atLocation = async (variantId: string, locationId: string) =>
    ((await as(admin).get(`/inventory/${variantId}/level`)).body.locations as Array<{ locationId: string; onHand: number; reserved: number }>).find((l) => l.locationId === locationId);

  it('ships a three-unit line in two parcels from two warehouses, passing through PARTIALLY_SHIPPED', async () => {
    const [north, south] = [await location('north', 1), await location('south', 2)];
    const tee = await productAt({ [north]: 2, [south]: 1 });
    const customer = await api.person();
    const order = await paidOrder(customer, tee, 3);

    const first = await fulfil(order.id, north, tee, 2);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'PENDING', stock: 'HELD', locationId: north, lines: [{ variantId: tee, quantity: 2 }] });
    expect((await ship(first.body.id, 'PARCEL-1')).body).toMatchObject({ status: 'SHIPPED', tracking: { carrier: 'DHL', trackingNumber: 'PARCEL-1' } });
    expect((await api.getOrder(customer, order.id)).body).toMatchObject({ status: 'PARTIALLY_SHIPPED', lines: [{ ordered: 3, fulfilled: 2, shipped: 2, delivered: 0 }] });
    await waitFor('north to ship its two units', async () => (await atLocation(tee, north))?.onHand === 0);
    expect(await atLocation(tee, north)).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await atLocation(tee, south)).toMatchObject({ onHand: 1, reserved: 1 });

    const second = await fulfil(order.id, south, tee, 1);
    expect(second.body.stock).toBe('HELD');
    await ship(second.body.id, 'PARCEL-2');
    await waitFor('south to ship its unit', async () => (await atLocation(tee, south))?.onHand === 0);
    for (const parcel of [first.body.id, second.body.id]) expect((await as(admin).post(`/fulfilments/${parcel}/deliver`)).status).toBe(200);

    const { body: delivered } = await api.getOrder(customer, order.id);
    expect(delivered).toMatchObject({ status: 'DELIVERED', trackingNumber: 'PARCEL-2', lines: [{ ordered: 3, fulfilled: 3, shipped: 3, delivered: 3, returned: 0 }] });
    expect(delivered.history.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED']);
    expect(delivered.fulfilments.map((f: { status: string; locationId: string }) => [f.locationId, f.status])).toEqual([
      [north, 'DELIVERED'],
      [south, 'DELIVERED'],
    ]);
    const mail = await waitFor('the parcel emails', async () => {
      const { body } = await as(customer).get('/notifications?limit=50');
      const templates = (body.items as Array<{ template: string }>).map((n) => n.template);
      return templates.filter((t: string) => t === 'parcel-shipped').length === 2 && templates.filter((t: string) => t === 'parcel-delivered').length === 2 && templates;
    });
    expect(mail).not.toContain('order-shipped');
  });

  it('gives the last unit of a line to exactly one of ten admins fulfilling it at once', async () => {
    const depot = await location('race', 3);
    const mug = await productAt({ [depot]: 5 });
    const order = await paidOrder(await api.person(), mug, 1);
    const answers = await Promise.all(Array.from({ length: 10 }, () => fulfil(order.id, depot, mug, 1)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(9);
    expect(refused[0].body).toMatchObject({ code: 'ORDERS.FULFILMENT_EXCEEDS_ORDER', lines: [{ variantId: mug, requested: 1, unfulfilled: 0 }] });
  });

  it('moves the reservation to a warehouse that has the units, and refuses one that has not', async () => {
    const [near, far, empty] = [await location('near', 4), await location('far', 5), await location('empty', 6)];
    const lamp = await productAt({ [near]: 1, [far]: 5 });
    await as(admin).post(`/inventory/${lamp}/adjustments`).send({ delta: 1, reason: 'restock', locationId: empty }).expect(201);
    await as(admin).post(`/inventory/${lamp}/adjustments`).send({ delta: -1, reason: 'correction', locationId: empty }).expect(201);
    const customer = await api.person();
    const order = await paidOrder(customer, lamp, 1);
    expect(await atLocation(lamp, near)).toMatchObject({ onHand: 1, reserved: 1 });

    const refused = await fulfil(order.id, empty, lamp, 1);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ORDERS.LOCATION_SHORT', locationId: empty, lines: [{ variantId: lamp, needed: 1, available: 0 }] });

    const moved = await fulfil(order.id, far, lamp, 1);
    expect(moved.status).toBe(201);
    expect(moved.body.stock).toBe('MOVING');
    expect((await ship(moved.body.id, 'TOO-EARLY')).body.code).toBe('ORDERS.FULFILMENT_STOCK_MOVING');
    await waitFor('inventory to hold the unit at far', async () => {
      const { body } = await api.getOrder(customer, order.id);
      return body.fulfilments[0].stock === 'HELD';
    });
    expect(await atLocation(lamp, near)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await atLocation(lamp, far)).toMatchObject({ onHand: 5, reserved: 1 });
    await ship(moved.body.id, 'FAR-1').expect(200);
    await waitFor('far to ship the unit', async () => (await atLocation(lamp, far))?.onHand === 4);
    expect(await atLocation(lamp, far)).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await atLocation(lamp, near)).toMatchObject({ onHand: 1, reserved: 0 });
  });

  async function deliveredOrder(customer: Shopper, productId: string, quantity: number, address = ADDRESS) {
    const order = await paidOrder(customer, productId, quantity, address);
    await api.ship(admin, order.id, `T-${order.id.slice(0, 6)}`).expect(200);
    await api.deliver(admin, order.id).expect(200);
    return (await api.getOrder(customer, order.id)).body;
  }

  it('returns two of three shirts, one back on the shelf and one damaged, refunding their price and tax to the minor unit', async () => {
    const shop = await location('returns', 7);
    const shirt = await productAt({ [shop]: 3 });
    const customer = await api.person();
    const order = await deliveredOrder(customer, shirt, 3, MALTA);
    const [line] = order.lines;
    expect(line.tax).toMatchObject({ rateBasisPoints: 1800 });
    const expected = 2 * 1999 - Math.floor((line.discountMinor * 2) / 3) + Math.floor((line.tax.amountMinor * 2) / 3);

    const asked = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: shirt, quantity: 2, reason: 'Too small' }] });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'REQUESTED', lines: [{ variantId: shirt, quantity: 2, reason: 'Too small' }] });
    const preview = await as(customer).get(`/returns/${asked.body.id}/refund-preview`).expect(200);
    expect(preview.body).toMatchObject({ lines: [{ variantId: shirt, quantity: 2, amountMinor: expected }], shippingMinor: 0, totalMinor: expected, refundableMinor: order.totalMinor });

    expect((await as(customer).post(`/returns/${asked.body.id}/approve`)).status).toBe(403);
    await as(admin).post(`/returns/${asked.body.id}/approve`).expect(200);
    const received = await as(admin)
      .post(`/returns/${asked.body.id}/receive`)
      .send({ lines: [{ variantId: shirt, restock: [{ locationId: shop, quantity: 1 }], damaged: 1 }] });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'RECEIVED', refund: { totalMinor: expected } });

    const refunded = await waitFor('the return to be refunded', async () => {
      const { body } = await as(customer).get(`/returns/${asked.body.id}`);
      return body.status === 'REFUNDED' && body;
    });
    expect(refunded.refundedMinor).toBe(expected);
    expect(refunded.history.map((h: { status: string }) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED']);
    const [payment] = await api.payments(customer, order.id);
    expect(payment.refundedCents).toBe(expected);
    await waitFor('the good shirt back on the shelf', async () => (await atLocation(shirt, shop))?.onHand === 1);
    expect((await api.getOrder(customer, order.id)).body).toMatchObject({ refundedMinor: expected, lines: [{ delivered: 3, returned: 2 }] });
    const { body: list } = await as(customer).get(`/orders/${order.id}/returns`).expect(200);
    expect(list.map((r: { id: string }) => r.id)).toEqual([asked.body.id]);

    // The last shirt gives back exactly what is left of the line.
    const last = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: shirt, quantity: 1, reason: 'Changed my mind' }] });
    const lastPreview = await as(customer).get(`/returns/${last.body.id}/refund-preview`).expect(200);
    expect(expected + lastPreview.body.totalMinor).toBe(line.lineTotalMinor - line.discountMinor + line.tax.amountMinor);
  });

  it('refuses a return beyond the window, beyond what was delivered, and of another customer\'s order', async () => {
    const depot = await location('refusals', 8);
    const cup = await productAt({ [depot]: 4 });
    const customer = await api.person();
    const order = await deliveredOrder(customer, cup, 2);

    const tooMany = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: cup, quantity: 3, reason: 'Broken' }] });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: 'ORDERS.RETURN_EXCEEDS_DELIVERED', lines: [{ variantId: cup, requested: 3, returnable: 2 }] });

    const stranger = await api.person();
    const theirs = await as(stranger).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: cup, quantity: 1, reason: 'Mine now' }] });
    expect(theirs.status).toBe(404);
    const mine = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: cup, quantity: 1, reason: 'Broken' }] }).expect(201);
    expect((await as(stranger).get(`/returns/${mine.body.id}`)).status).toBe(404);
    expect((await as(stranger).get(`/orders/${order.id}/returns`)).status).toBe(404);

    // Twenty racing requests for the one unit left: exactly one is taken.
    const racing = await Promise.all(Array.from({ length: 20 }, () => as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: cup, quantity: 1, reason: 'Broken' }] })));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(19);

    await stack.db('orders')('fulfilments').where('order_id', order.id).update({ delivered_at: stack.db('orders').raw("now() - interval '31 days'") });
    await as(admin).post(`/returns/${mine.body.id}/decline`).send({ reason: 'Photo shows no damage' }).expect(200);
    const late = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: cup, quantity: 1, reason: 'Broken' }] });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ORDERS.RETURN_WINDOW_CLOSED', returnWindowDays: 30 });
  });

  it('never refunds more than was captured when a goodwill refund and a return race', async () => {
    const depot = await location('cap', 9);
    const kettle = await productAt({ [depot]: 10 }, 1000);
    for (let round = 0; round < 3; round += 1) {
      const customer = await api.person();
      const order = await deliveredOrder(customer, kettle, 1);
      const asked = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: kettle, quantity: 1, reason: 'Noisy' }] }).expect(201);
      await as(admin).post(`/returns/${asked.body.id}/approve`).expect(200);
      const goodwill = 600;
      const [refund, received] = await Promise.all([
        as(admin).post(`/payments/${order.paymentId}/refunds`).set('Idempotency-Key', randomUUID()).send({ amountMinor: goodwill, reason: 'goodwill' }),
        as(admin).post(`/returns/${asked.body.id}/receive`).send({ lines: [{ variantId: kettle, restock: [{ locationId: depot, quantity: 1 }], damaged: 0 }] }),
      ]);
      expect(received.status).toBe(200);
      const settled = await waitFor('every refund to settle', async () => {
        const [payment] = await api.payments(customer, order.id);
        const succeeded = payment.refunds.filter((r) => r.status === 'SUCCEEDED').reduce((sum, r) => sum + r.amountCents, 0);
        const settledNow = payment.refunds.every((r) => r.status !== 'PENDING') && (refund.status !== 201 || payment.refunds.some((r) => r.returnId === asked.body.id)) && succeeded === payment.refundedCents;
        return settledNow && payment;
      });
      expect(settled.refundedCents).toBeLessThanOrEqual(order.totalMinor);
      // Whoever came second was capped at what was left (or refused when nothing was): together they give back the whole payment.
      expect(settled.refundedCents).toBe(order.totalMinor);
      if (refund.status !== 201) expect(refund.body.code).toBe('PAYMENTS.REFUND_EXCEEDS_CAPTURED');
    }
  });

  it('ends a return with nothing refunded when a goodwill refund already gave everything back', async () => {
    const depot = await location('spent', 10);
    const toaster = await productAt({ [depot]: 2 }, 800);
    const customer = await api.person();
    const order = await deliveredOrder(customer, toaster, 1);
    await as(admin).post(`/payments/${order.paymentId}/refunds`).set('Idempotency-Key', randomUUID()).send({ reason: 'goodwill' }).expect(201);
    const asked = await as(customer).post(`/orders/${order.id}/returns`).send({ lines: [{ variantId: toaster, quantity: 1, reason: 'Burns toast' }] }).expect(201);
    await as(admin).post(`/returns/${asked.body.id}/approve`).expect(200);
    await as(admin).post(`/returns/${asked.body.id}/receive`).send({ lines: [{ variantId: toaster, restock: [], damaged: 1 }] }).expect(200);
    const closed = await waitFor('the return to end', async () => {
      const { body } = await as(customer).get(`/returns/${asked.body.id}`);
      return body.status === 'REFUNDED' && body;
    });
    expect(closed.refundedMinor).toBe(0);
    expect(closed.history.at(-1)).toMatchObject({ status: 'REFUNDED', reason: 'the payment was already refunded in full' });
    const [payment] = await api.payments(customer, order.id);
    expect(payment.refundedCents).toBe(order.totalMinor);
  });

  it('gives orders shipped or delivered as a whole before fulfilments one fulfilment of all their units', async () => {
    const older = await olderSchema(stack, 'orders', '20261210000000_fulfilments_and_returns');
    try {
      const [shipped, delivered, paid] = [randomUUID(), randomUUID(), randomUUID()];
      const variant = randomUUID();
      for (const [id, status] of [[shipped, 'SHIPPED'], [delivered, 'DELIVERED'], [paid, 'PAID']]) {
        await older.db('orders').insert({
          id,
          customer_id: randomUUID(),
          status,
          total_cents: 900,
          subtotal_cents: 900,
          discount_cents: 0,
          currency: 'EUR',
          shipping_address: ADDRESS,
          tracking_number: status === 'PAID' ? null : `OLD-${status}`,
          created_at: new Date(),
          updated_at: new Date(),
        });
        await older.db('order_lines').insert({ order_id: id, line_number: 1, product_id: variant, variant_id: variant, sku: 'OLD-1', name: 'Old tea', quantity: 2, unit_price_cents: 450, line_total_cents: 900 });
      }
      await older.migrateToLatest();
      const fulfilments = await older.db('fulfilments').whereIn('order_id', [shipped, delivered, paid]);
      expect(fulfilments.map((f) => [f.order_id, f.status, f.tracking_number, f.lines]).sort()).toEqual(
        [
          [shipped, 'SHIPPED', 'OLD-SHIPPED', [{ variantId: variant, quantity: 2 }]],
          [delivered, 'DELIVERED', 'OLD-DELIVERED', [{ variantId: variant, quantity: 2 }]],
        ].sort(),
      );
      expect(fulfilments.find((f) => f.order_id === delivered)?.delivered_at).toBeInstanceOf(Date);
      expect(await older.db('order_lines').where({ order_id: paid }).first()).toMatchObject({ allocations: [] });
      expect(await older.db('orders').where({ id: paid }).first()).toMatchObject({ status: 'PAID', refunded_cents: 0 });
    } finally {
      await older.drop();
    }
  });
});
