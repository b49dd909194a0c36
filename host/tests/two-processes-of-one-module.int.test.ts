import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { OrderStream, ProductStream, ReservationStream, StockItemStream } from '../../proto/streams';
import { untilRecorded } from '../../test/event-probe';
import { signIn } from '../../test/signed-in';
import { startTestStack, type TestStack } from '../../test/test-stack';
import { publishUpstream } from '../../test/upstream-event';
import { waitFor } from '../../test/wait-for';
import { operatorSasl } from '../../src/messaging/kafka-principals';
import { createKafka } from '../../src/messaging/kafka';

/** Two processes of the orders module share its consumer group: the partitions are split, every event takes effect once. */
describe('two processes of one module', () => {
  let first: TestStack;
  let second: TestStack;

  beforeAll(async () => {
    first = await startTestStack({ modules: ['orders'] });
    second = await startTestStack({ modules: ['orders'] });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('share the partitions of the group and apply each reservation once', async () => {
    const kafka = createKafka({ brokers: first.config.kafka.brokers, clientId: 'group-check', sasl: operatorSasl(), logger: first.logger });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groupId = `${first.config.kafka.consumerGroupPrefix}.orders`;
      await waitFor('both processes in the orders group', async () => {
        const [group] = (await admin.describeGroups([groupId])).groups;
        return group.state === 'Stable' && group.members.length === 2;
      });
    } finally {
      await admin.disconnect();
    }

    const productId = randomUUID();
    await publishUpstream(first, ProductStream, productId, 'productCreated', {
      productId,
      sku: `TWO-${productId.slice(0, 8)}`,
      name: 'Moka pot',
      price: { amountMinor: 3500, currency: 'EUR' },
      category: 'Kitchen',
      version: 1,
    });
    await publishUpstream(first, ProductStream, productId, 'variantCreated', {
      productId,
      variantId: productId,
      sku: `TWO-${productId.slice(0, 8)}`,
      productName: 'Moka pot',
      price: { amountMinor: 3500, currency: 'EUR' },
      version: 1,
    });
    await publishUpstream(first, StockItemStream, productId, 'stockLevelChanged', { productId, variantId: productId, onHand: 500, reserved: 0, available: 500, version: 2 });
    const customer = await signIn(first);
    const address = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
    const place = (stack: TestStack) =>
      request(stack.baseUrl)
        .post('/orders')
        .set('Authorization', `Bearer ${customer.token}`)
        .set('Idempotency-Key', randomUUID())
        .send({ items: [{ productId, quantity: 1 }], shippingAddress: address });
    await waitFor('the catalogue to know the product', async () => (await place(first)).status === 201);
    const orders = [(await Promise.all(Array.from({ length: 11 }, (_, i) => place(i % 2 ? first : second)))).map((r) => r.body.id as string)].flat();
    const placed = (await request(first.baseUrl).get('/orders?limit=100').set('Authorization', `Bearer ${customer.token}`)).body.items as Array<{ id: string }>;
    expect(placed).toHaveLength(12);

    // Inventory's answer to each order, twice (a relay publishes at least once), read by whichever process owns its partition.
    for (const { id } of placed) {
      const reserved = await publishUpstream(first, ReservationStream, id, 'stockReserved', { orderId: id, lines: [{ productId, quantity: 1 }] });
      await reserved.resend();
    }

    // Other tests of the run share this database: only this test's orders count.
    const ours = new Set(placed.map((order) => order.id));
    const awaiting = await untilRecorded(first, OrderStream, (e) => Boolean(e.orderAwaitingPayment) && ours.has(e.aggregateId), 12);
    expect(new Set(awaiting.map((e) => e.aggregateId)).size).toBe(12);
    expect(awaiting).toHaveLength(12);
    expect(orders.every((id) => placed.some((order) => order.id === id))).toBe(true);
    for (const { id } of placed) {
      const order = (await request(second.baseUrl).get(`/orders/${id}`).set('Authorization', `Bearer ${customer.token}`)).body;
      expect(order.status).toBe('AWAITING_PAYMENT');
      expect(order.history.filter((change: { to: string }) => change.to === 'AWAITING_PAYMENT')).toHaveLength(1);
    }
  });
});

