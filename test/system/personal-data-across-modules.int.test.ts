import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { UserStream } from '../../proto/streams';
import { loadConfig } from '../../src/config/config';
import { personalDataSeal } from '../../src/crypto/personal-data';
import { createLogger } from '../../src/logging/logger';
import { createKafka } from '../../src/messaging/kafka';
import { operatorSasl } from '../../src/messaging/kafka-principals';
import { TopicNames } from '../../src/messaging/topic-names';
import { unframe } from '../../src/messaging/wire-format';
import { registerVerifiedCustomer } from '../account-tokens';
import { findInEverySchema } from '../personal-data-search';
import { endRun, prepareRun } from '../prepare-run';
import { signIn, type SignedIn } from '../signed-in';
import { SmtpTestServer } from '../smtp-test-server';
import { startTestStack, type TestStack } from '../test-stack';
import { waitFor } from '../wait-for';
import { ensureAccount } from '../../modules/users';

/**
 * A person's data across the whole system, exported and erased: the modules, the relay and Kafka as in production.
 * The stack has topics of its own (a prefix of this test's), so that the users topic can compact within seconds
 * without changing what other tests read.
 */
describe('personal data across every module: export and erasure', () => {
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX}erasure.`;
  const env = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_CONSUMER_GROUP_PREFIX: `${process.env.KAFKA_CONSUMER_GROUP_PREFIX}.erasure` };
  const config = loadConfig({ ...process.env, ...env });
  let smtp: SmtpTestServer;
  let stack: TestStack;
  let admin: SignedIn;

  beforeAll(async () => {
    await createFastCompactingUsersTopic();
    await prepareRun(config);
    smtp = await SmtpTestServer.start();
    stack = await startTestStack({ relay: true, consumers: true, env: { ...env, SMTP_URL: smtp.url, NOTIFICATION_DISPATCH_INTERVAL_MS: '50' } });
    admin = await signIn(stack, 'admin');
  });

  afterAll(async () => {
    await stack.stop();
    await smtp.stop();
    await endRun(config);
  });

  /**
   * The users topic as production creates it (UserStream.topicConfig), but compacting within seconds instead of a
   * day; made before the run's other topics, which are then created beside it.
   */
  async function createFastCompactingUsersTopic(): Promise<void> {
    const kafkaAdmin = createKafka({ brokers: config.kafka.brokers, clientId: 'erasure-test', sasl: operatorSasl(), logger: createLogger({ level: 'error', name: 'erasure-test' }) }).admin();
    await kafkaAdmin.connect();
    try {
      const fast = { ...UserStream.topicConfig, 'min.compaction.lag.ms': '0', 'max.compaction.lag.ms': '1000', 'segment.ms': '1000', 'min.cleanable.dirty.ratio': '0.01' };
      await kafkaAdmin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: new TopicNames(prefix).physical(UserStream.topic),
            numPartitions: config.kafka.topicPartitions,
            replicationFactor: -1,
            configEntries: Object.entries(fast).map(([name, value]) => ({ name, value })),
          },
        ],
      });
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  const http = () => request(stack.baseUrl);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function stockedProduct(): Promise<string> {
    const created = await http()
      .post('/products')
      .set(as(admin.token))
      .send({ sku: `E-${randomUUID().slice(0, 8)}`, name: 'Erasure tea', description: 'for the erasure test', priceCents: 900, currency: 'EUR', category: 'Test' })
      .expect(201);
    const productId = created.body.id as string;
    await waitFor('inventory to stock the product', async () => {
      const adjusted = await http().post(`/inventory/${productId}/adjustments`).set(as(admin.token)).set('Idempotency-Key', `e-${productId}`).send({ delta: 10, reason: 'restock' });
      return adjusted.status < 300;
    });
    await waitFor("orders' catalogue to know the product", async () => (await stack.db('orders')('catalog_variants').where({ variant_id: productId }).first()) !== undefined);
    return productId;
  }

  /** A customer who registered, verified, filled in a profile, ordered, paid, got mail and left a cart behind. */
  async function customerWithHistory(productId: string) {
    const tag = randomUUID().slice(0, 8);
    const person = {
      email: `zelda.${tag}@example.com`,
      password: 'correct horse battery',
      name: `Zelda Quillfeather ${tag}`,
      phone: `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      street: `${tag} Erasure Lane`,
    };
    const signedIn = await registerVerifiedCustomer(stack, { email: person.email, password: person.password, name: person.name });
    const address = { line1: person.street, city: 'Forgetton', postalCode: '10115', country: 'DE' };
    await http().patch('/users/me').set(as(signedIn.accessToken)).send({ phone: person.phone, defaultShippingAddress: address }).expect(200);
    const order = await http()
      .post('/orders')
      .set(as(signedIn.accessToken))
      .set('Idempotency-Key', randomUUID())
      .send({ items: [{ productId, quantity: 1 }], shippingAddress: { name: person.name, ...address } })
      .expect(201);
    const orderId = order.body.id as string;
    await waitFor('the order to await payment', async () => (await http().get(`/orders/${orderId}`).set(as(signedIn.accessToken))).body.status === 'AWAITING_PAYMENT');
    await http().post('/payments').set(as(signedIn.accessToken)).set('Idempotency-Key', randomUUID()).send({ orderId, paymentMethod: { type: 'card', token: 'tok_visa' } });
    await waitFor('the order to be paid', async () => (await http().get(`/orders/${orderId}`).set(as(signedIn.accessToken))).body.status === 'PAID');
    await smtp.waitForMessage('the order confirmation', (m) => m.to.includes(person.email) && / confirmed$/.test(m.subject));
    await http().put(`/cart/lines/${productId}`).set(as(signedIn.accessToken)).send({ quantity: 2 });
    return { ...person, ...signedIn, orderId };
  }

  it('exports what every module holds about the caller as one document, at most five times an hour', async () => {
    const productId = await stockedProduct();
    const ada = await customerWithHistory(productId);
    const exported = await http().get('/users/me/export').set(as(ada.accessToken));
    expect(exported.status).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const document = exported.body;
    expect(document.users.profile).toMatchObject({ id: ada.userId, email: ada.email, name: ada.name, phone: ada.phone, emailVerified: true });
    expect(document.users.profile.defaultShippingAddress.line1).toBe(ada.street);
    expect(document.users.sessions.length).toBeGreaterThan(0);
    expect(document.orders.orders.map((o: { id: string }) => o.id)).toEqual([ada.orderId]);
    expect(document.orders.orders[0].shippingAddress).toMatchObject({ name: ada.name, line1: ada.street });
    expect(document.orders.cart.lines).toEqual([expect.objectContaining({ variantId: productId, quantity: 2 })]);
    expect(document.orders.defaultShippingAddress).toMatchObject({ line1: ada.street });
    expect(document.payments.payments).toEqual([expect.objectContaining({ orderId: ada.orderId, status: 'SUCCEEDED' })]);
    expect(document.notifications.contact).toEqual({ email: ada.email, name: ada.name, phone: ada.phone });
    expect(document.notifications.notifications.map((n: { template: string }) => n.template)).toEqual(expect.arrayContaining(['verify-email', 'welcome', 'order-confirmed']));
    expect(JSON.stringify(document)).not.toMatch(/argon2|password_hash|token_hash/i);
    // The verification mail went out with its link; the stored copy keeps the link without the token.
    const verification = document.notifications.notifications.find((n: { template: string }) => n.template === 'verify-email');
    expect(verification.status).toBe('SENT');
    expect(verification.bodyText).toContain('/verify-email?token=(removed)');
    expect(JSON.stringify(smtp.messages.filter((m) => m.to.includes(ada.email)).map((m) => m.text))).toMatch(/verify-email\?token=[A-Za-z0-9_-]{43}/);

    // Another customer's export holds none of it.
    const other = await registerVerifiedCustomer(stack, { email: `other.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery', name: 'Other' });
    const theirs = await http().get('/users/me/export').set(as(other.accessToken)).expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain(ada.email);
    expect(theirs.body.orders.orders).toEqual([]);

    const more = await Promise.all(Array.from({ length: 6 }, () => http().get('/users/me/export').set(as(ada.accessToken))));
    expect(more.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
    expect(more.find((r) => r.status === 429)!.body.code).toBe('USERS.TOO_MANY_REQUESTS');
    expect((await http().get('/users/me/export')).status).toBe(401);
  });

  it('anonymises the account at once; afterwards no module holds the email, name, phone or address, and orders stay for the accounts', async () => {
    const productId = await stockedProduct();
    const zelda = await customerWithHistory(productId);
    const needles = [zelda.email, zelda.name, zelda.phone, zelda.street];
    const before = await findInEverySchema((module) => stack.db(module), needles);
    expect(new Set(before.map((f) => f.module))).toEqual(new Set(['users', 'orders', 'notifications']));

    const wrong = await http().delete('/users/me').set(as(zelda.accessToken)).send({ password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('USERS.CURRENT_PASSWORD_INCORRECT');

    const erased = await http().delete('/users/me').set(as(zelda.accessToken)).send({ password: zelda.password });
    expect(erased.status).toBe(202);
    expect(erased.body).toMatchObject({ userId: zelda.userId, requestedBy: zelda.userId, complete: false });
    expect(erased.body.modules).toEqual([
      { module: 'users', erasedAt: expect.any(String) },
      { module: 'orders', erasedAt: null },
      { module: 'payments', erasedAt: null },
      { module: 'notifications', erasedAt: null },
    ]);
    expect((await http().post('/auth/login').send({ email: zelda.email, password: zelda.password })).status).toBe(401);
    expect((await http().post('/auth/refresh').send({ refreshToken: zelda.refreshToken })).status).toBe(401);
    // An access token's grant is asked again within ACCESS_GRANT_CACHE_MS (0.5 s).
    await waitFor('the access token to be refused', async () => (await http().get('/users/me').set(as(zelda.accessToken))).status === 401);

    const progress = await waitFor('every module to report its part', async () => {
      const answer = await http().get(`/users/${zelda.userId}/erasure`).set(as(admin.token));
      return answer.body.complete === true && answer.body;
    });
    expect(progress.modules.every((m: { erasedAt: string | null }) => m.erasedAt !== null)).toBe(true);
    expect(await findInEverySchema((module) => stack.db(module), needles)).toEqual([]);

    const order = (await http().get(`/orders/${zelda.orderId}`).set(as(admin.token))).body;
    expect(order).toMatchObject({ status: 'PAID', totalMinor: 900, customerId: zelda.userId });
    expect(order.shippingAddress).toEqual({ name: '(erased)', line1: '(erased)', city: '(erased)', postalCode: '(erased)', country: 'DE' });
    // Asking again changes nothing; an admin sees the same erasure.
    const again = await http().post(`/users/${zelda.userId}/erasure`).set(as(admin.token));
    expect(again.status).toBe(202);
    expect(again.body.requestedAt).toBe(progress.requestedAt);
  });

  it('lets an admin erase a customer, not another admin, and only admins read an erasure', async () => {
    const customer = await ensureAccount({ db: stack.db('users'), personalDataKey: stack.config.personalDataKey }, {
      email: `quiet.${randomUUID().slice(0, 8)}@example.com`,
      password: 'a test password, long enough',
      name: 'Quiet Customer',
      role: 'customer',
    });
    const other = await signIn(stack, 'admin');
    expect((await http().post(`/users/${other.userId}/erasure`).set(as(admin.token))).body.code).toBe('USERS.ADMIN_ERASURE');
    expect((await http().post(`/users/${customer.userId}/erasure`).set(as(admin.token))).body.requestedBy).toBe(admin.userId);
    const nosy = await signIn(stack, 'customer');
    expect((await http().get(`/users/${customer.userId}/erasure`).set(as(nosy.token))).status).toBe(403);
    expect((await http().get(`/users/${randomUUID()}/erasure`).set(as(admin.token))).body.code).toBe('USERS.ERASURE_NOT_FOUND');
  });

  it("leaves the users topic nothing that opens a user's personal data once the topic has compacted", async () => {
    const topic = new TopicNames(prefix).physical(UserStream.topic);
    const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'erasure-test', sasl: operatorSasl(), logger: stack.logger });
    const email = `shredded.${randomUUID().slice(0, 8)}@example.com`;
    const victim = await registerVerifiedCustomer(stack, { email, password: 'correct horse battery', name: 'Shredded Person' });
    const recordsOf = (userId: string) => readTopic(kafka, topic).then((records) => records.filter((r) => r.key === userId));
    const sealedBefore = await waitFor('the registration on Kafka', async () => {
      const sealed = (await recordsOf(victim.userId)).map((r) => r.event.userRegistered?.sealed).find(Boolean);
      return sealed ?? undefined;
    });
    const seal = personalDataSeal(stack.config.personalDataKey);
    expect(seal.open({ userKey: sealedBefore.userKey!, personal: sealedBefore.personal! })).toMatchObject({ email });

    await http().delete('/users/me').set(as(victim.accessToken)).send({ password: 'correct horse battery' }).expect(202);
    expect((await stack.db('users')('users').where({ id: victim.userId }).first()).data_key).toBeNull();

    // Compaction cleans only closed segments: later registrations (every partition gets some) close them.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 0; i < 24; i++) {
      await ensureAccount(
        { db: stack.db('users'), personalDataKey: stack.config.personalDataKey },
        { email: `filler.${randomUUID()}@example.com`, password: 'a test password, long enough', name: 'Filler', role: 'customer' },
      );
    }
    const remaining = await waitFor(
      "Kafka to compact away the user's earlier records",
      async () => {
        const records = await recordsOf(victim.userId);
        return records.length > 0 && records.every((r) => r.event.event === 'userErased') && records;
      },
      { timeoutMs: 120_000, intervalMs: 2000 },
    );
    expect(remaining.map((r) => r.event.event)).toEqual(['userErased']);
    // Whatever still holds the sealed profile (a webhook log, a dead-letter topic, a subscriber's store) holds
    // ciphertext: no user key left on the topic opens it.
    const keysLeft = (await readTopic(kafka, topic)).flatMap((r) => {
      const payload = r.event[r.event.event as keyof typeof r.event] as { sealed?: { userKey?: string | null } | null } | undefined;
      return payload?.sealed?.userKey ? [payload.sealed.userKey] : [];
    });
    expect(keysLeft.length).toBeGreaterThan(0);
    for (const userKey of keysLeft) expect(() => seal.open({ userKey, personal: sealedBefore.personal! })).toThrow();
  }, 240_000);
});

/** Every record of a topic from its beginning up to its end now, decoded. */
async function readTopic(kafka: ReturnType<typeof createKafka>, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const wanted = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const records: Array<{ key: string; event: ReturnType<typeof UserStream.codec.decode> }> = [];
  if (wanted.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `${topic}.reader.${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          records.push({ key: message.key!.toString(), event: UserStream.codec.decode(unframe(message.value!).payload) });
          if (Number(message.offset) + 1 >= (wanted.get(partition) ?? 0)) wanted.delete(partition);
          if (wanted.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return records;
}
