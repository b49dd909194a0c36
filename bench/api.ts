/**
 * The API's HTTP path against a ceiling in the same run: `GET /products` and `POST /orders` on the full API
 * process (consumers on, relay running), and the same SQL from a bare express + pg handler on the same database
 * (no auth, validation, ORM or problem details). autocannon drives each for SECONDS with CONNECTIONS at once, after
 * a warm-up, and prints req/s, p50/p99, the ratio API/bare, and the RSS of the API and relay processes.
 * Usage: npm run bench:api [-- SECONDS CONNECTIONS]   (needs `npm run infra:up`)
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import pg from 'pg';
import { OrderStream, eventTypeName } from '../proto/streams';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { prepareRun } from '../test/prepare-run';
import { signIn } from '../test/signed-in';
import { benchEnvironment, freePort, startMartProcess, untilReady } from './support/mart-processes';
import { rssMegabytes } from './support/process-usage';
import { until } from './support/until';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 20);
const PRODUCTS = 60;
// Enough that no customer places more than one order in a POST phase.
const ORDERING_CUSTOMERS = 2000;
const ADDRESS = { name: 'Bench', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function main(): Promise<void> {
  const env = benchEnvironment('api');
  const port = await freePort();
  const config = loadConfig({ ...env, PORT: String(port) });
  await prepareRun(config);
  const childEnv = { ...env, PORT: String(port), MIGRATE_ON_START: 'false' };
  const api = startMartProcess('api', 'host/main.ts', childEnv);
  const relay = startMartProcess('relay', 'relay/main.ts', childEnv);
  const apiUrl = `http://127.0.0.1:${port}`;
  const users = createModuleDatabase({ url: config.database.url, schema: 'users', poolMax: 2 });
  const orders = createModuleDatabase({ url: config.database.url, schema: 'orders', poolMax: 2 });
  const bare = await startBareServer(config.database.url);
  try {
    await untilReady(apiUrl);
    const stack = { db: (m: string) => (m === 'users' ? users : orders), config, baseUrl: apiUrl } as never;
    const admin = await signIn(stack, 'admin');
    // Orders come from many customers, as in a shop: one account placing them all would meet its own limits.
    const customers = await Promise.all(Array.from({ length: ORDERING_CUSTOMERS }, () => signIn(stack)));
    const productIds = await offerProducts(apiUrl, admin.token);
    await until('the orders catalogue to know every product', async () => Number((await orders('catalog').count({ n: '*' }))[0].n) >= PRODUCTS, 60_000);

    const listing = '/products?limit=20';
    const newOrder = (requestIndex: number) =>
      JSON.stringify({ items: [{ productId: productIds[requestIndex % productIds.length], quantity: 1 }], shippingAddress: ADDRESS });
    const orderHeaders = (i: number) => {
      const customer = customers[i % customers.length];
      return { 'content-type': 'application/json', authorization: `Bearer ${customer.token}`, 'x-customer-id': customer.userId };
    };
    const run = (url: string, path: string, method: 'GET' | 'POST', extra: Partial<autocannon.Options> = {}) =>
      load({ url: `${url}${path}`, method, connections: CONNECTIONS, duration: SECONDS, ...extra });
    const orderRequests = (): Partial<autocannon.Options> => {
      let i = 0;
      return {
        requests: [{ setupRequest: (req) => ({ ...req, headers: { ...orderHeaders(i), 'idempotency-key': randomUUID() }, body: newOrder(i++) }) }],
      };
    };

    // Warm-up of both servers, untimed, so that neither is measured on cold code.
    await load({ url: `${apiUrl}${listing}`, method: 'GET', connections: CONNECTIONS, duration: 3 });
    await load({ url: `${bare.url}${listing}`, method: 'GET', connections: CONNECTIONS, duration: 3 });
    // Each order placed sets off the saga in the consumers: each POST phase starts once the previous one's
    // orders have all left PENDING, so that neither runs on the other's backlog.
    const sagaSettled = () =>
      until('the saga of the placed orders to settle', async () => Number((await orders('orders').where('status', 'PENDING').count({ n: '*' }))[0].n) === 0, 300_000);
    const results = {
      productsBare: await run(bare.url, listing, 'GET'),
      productsApi: await run(apiUrl, listing, 'GET'),
      ordersBare: await run(bare.url, '/orders', 'POST', orderRequests()),
      ordersApi: await sagaSettled().then(() => run(apiUrl, '/orders', 'POST', orderRequests())),
    };
    const rss = { api: rssMegabytes(api.pid), relay: rssMegabytes(relay.pid) };
    const line = (name: string, r: Measured, ceiling?: Measured) =>
      `  ${name.padEnd(30)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms` +
      `   non-2xx ${r.non2xx}${ceiling ? `   ratio ${(r.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)}` : ''}`;
    console.log(`\nHTTP path, ${CONNECTIONS} connections, ${SECONDS} s each, consumers and relay running`);
    console.log(line('GET /products, bare (ceiling)', results.productsBare));
    console.log(line('GET /products, API', results.productsApi, results.productsBare));
    console.log(line('POST /orders, bare (ceiling)', results.ordersBare));
    console.log(line('POST /orders, API', results.ordersApi, results.ordersBare));
    console.log(`  RSS after the load: API ${rss.api.toFixed(0)} MB, relay ${rss.relay.toFixed(0)} MB`);
  } finally {
    await bare.stop();
    await api.stop();
    await relay.stop();
    await users.destroy();
    await orders.destroy();
  }
}

async function load(options: autocannon.Options): Promise<Measured> {
  const result = await autocannon(options);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function offerProducts(apiUrl: string, adminToken: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < PRODUCTS; i += 1) {
    const response = await fetch(`${apiUrl}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ sku: `API-${randomUUID().slice(0, 8)}`, name: `Bench item ${i}`, description: 'For bench:api', priceCents: 300 + i, currency: 'EUR', category: 'Bench' }),
    });
    if (response.status !== 201) throw new Error(`POST /products answered ${response.status}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * The ceiling: the statements the API runs for the two routes, written with pg directly. The order is
 * placed as the orders module places one (idempotency key, order, line, status history, OrderPlaced in the
 * outbox, one transaction), so that the relay and consumers get the same work from both.
 */
async function startBareServer(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  const app = express();
  let failureShown = false;
  app.use(express.json());
  app.get('/products', async (req, res) => {
    const limit = Number(req.query.limit ?? 20);
    const { rows } = await pool.query(
      `select id, sku, name, description, price_cents, currency, category, in_stock, created_at, updated_at
         from products.products where archived_at is null order by created_at desc, id desc limit $1`,
      [limit + 1],
    );
    res.json({ items: rows.slice(0, limit), nextCursor: rows.length > limit ? 'more' : null });
  });
  app.post('/orders', async (req, res) => {
    const customerId = String(req.headers['x-customer-id']);
    const key = String(req.headers['idempotency-key']);
    const { productId, quantity } = req.body.items[0];
    const requestHash = createHash('sha256').update(JSON.stringify(req.body)).digest('hex');
    const client = await pool.connect();
    try {
      const earlier = await client.query('select * from orders.order_idempotency_keys where customer_id = $1 and key = $2', [customerId, key]);
      if (earlier.rowCount) return void res.status(200).json({ id: earlier.rows[0].order_id });
      const { rows: [product] } = await client.query('select * from orders.catalog where product_id = any($1)', [[productId]]);
      const orderId = randomUUID();
      const now = new Date();
      const total = product.price_cents * quantity;
      await client.query('begin');
      await client.query(
        'insert into orders.order_idempotency_keys (customer_id, key, request_hash, order_id) values ($1, $2, $3, $4) on conflict do nothing returning order_id',
        [customerId, key, requestHash, orderId],
      );
      await client.query(
        `insert into orders.orders (id, customer_id, status, total_cents, subtotal_cents, discount_cents, currency, shipping_address, created_at, updated_at)
         values ($1, $2, 'PENDING', $3, $3, 0, $4, $5, $6, $6)`,
        [orderId, customerId, total, product.currency, req.body.shippingAddress, now],
      );
      await client.query(
        `insert into orders.order_lines (order_id, line_number, product_id, variant_id, sku, name, quantity, unit_price_cents, line_total_cents)
         values ($1, 1, $2, $2, $3, $4, $5, $6, $7)`,
        [orderId, productId, product.sku, product.name, quantity, product.price_cents, total],
      );
      await client.query(
        `insert into orders.order_status_history (order_id, from_status, to_status, actor, occurred_at) values ($1, null, 'PENDING', $2, $3)`,
        [orderId, customerId, now],
      );
      const eventId = randomUUID();
      const money = { amountMinor: total, currency: product.currency };
      const envelope = OrderStream.codec.create({
        eventId,
        occurredAt: now.toISOString(),
        aggregateId: orderId,
        correlationId: eventId,
        orderPlaced: {
          orderId,
          customerId,
          lines: [{ productId, sku: product.sku, name: product.name, quantity, unitPrice: { amountMinor: product.price_cents, currency: product.currency }, lineTotal: money }],
          total: money,
          subtotal: money,
          shippingAddress: req.body.shippingAddress,
        },
      });
      await client.query(
        `insert into orders.outbox (event_id, topic, message_key, event_type, payload, headers, occurred_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [eventId, OrderStream.topic, orderId, eventTypeName(OrderStream, 'orderPlaced'), Buffer.from(OrderStream.codec.encode(envelope).finish()), {}, now],
      );
      await client.query('commit');
      res.status(201).json({ id: orderId, status: 'PENDING', totalCents: total });
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      if (!res.headersSent) res.status(500).json({ error: String(error) });
      if (!failureShown) console.error('bare POST /orders failed:', error);
      failureShown = true;
    } finally {
      client.release();
    }
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
