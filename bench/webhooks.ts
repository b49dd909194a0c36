/**
 * Webhooks under the real checkout flow (customers registered through the API, each order placed and paid at once,
 * order emails delivered to an SMTP server of the benchmark's own), API and relay as their own processes, default
 * configuration but for private targets allowed (the receivers listen on 127.0.0.1). Three phases:
 * 1. throughput: one endpoint subscribed to every event (`*`), its receiver answering 200 at once. Orders flow at RATE/s;
 *    meanwhile a replay of everything published so far is queued, and the deliveries/s while that backlog drains are
 *    measured, with per-aggregate order checked. Ceiling: the same receiver driven directly by this process (kept-alive
 *    connections, 200 requests in flight) in the same run.
 * 2. outage: an endpoint whose receiver answers 500 for OUTAGE seconds, then 200, while orders flow: how long after the
 *    recovery its backlog drains, and whether every event arrived exactly once (2xx per webhook-id) and in order.
 * 3. slow endpoint: placed → PAID p50/p99 at RATE/s with no endpoint, then with an endpoint answering after 2 s.
 * Usage: npm run bench:webhooks [-- RATE SECONDS OUTAGE]   e.g. -- 30 20 30   (needs `npm run infra:up`)
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase, type Knex } from '../src/db/database';
import { moduleNames } from '../src/module-names';
import { prepareRun } from '../test/prepare-run';
import { signIn, type SignedIn } from '../test/signed-in';
import { SmtpTestServer } from '../test/smtp-test-server';
import { WebhookReceiver, type ReceivedWebhook } from '../test/webhook-receiver';
import { benchEnvironment, freePort, startMartProcess, untilReady } from './support/mart-processes';
import { callApi, mailSummary, registerCustomers, Shop } from './support/shop-api';
import { ascending, ms, percentile } from './support/stats';

const RATE = Number(process.argv[2] ?? 30);
const SECONDS = Number(process.argv[3] ?? 20);
const OUTAGE_SECONDS = Number(process.argv[4] ?? 30);
const PRODUCTS = 20;
const DRAIN_TIMEOUT_MS = 240_000;

async function main(): Promise<void> {
  const env = benchEnvironment('webhooks');
  const smtp = await SmtpTestServer.start();
  const port = await freePort();
  const settings = { SMTP_URL: smtp.url, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' };
  const config = loadConfig({ ...env, PORT: String(port), ...settings });
  await prepareRun(config);
  const childEnv = { ...env, PORT: String(port), MIGRATE_ON_START: 'false', ...settings };
  const api = startMartProcess('api', 'host/main.ts', childEnv);
  const relay = startMartProcess('relay', 'relay/main.ts', childEnv);
  const baseUrl = `http://127.0.0.1:${port}`;
  const dbs = new Map(moduleNames.map((m) => [m, createModuleDatabase({ url: config.database.ownerUrls[m], schema: m, poolMax: 4 })]));
  const receivers: WebhookReceiver[] = [];
  try {
    await untilReady(baseUrl);
    const stack = { db: (m: string) => dbs.get(m as never)!, config, baseUrl } as never;
    const admin = await signIn(stack, 'admin');
    const shop = new Shop(baseUrl, admin, await registerCustomers(baseUrl, smtp, Math.max(20, RATE * 7), 'webhooks'));
    await shop.stockProducts(PRODUCTS, dbs.get('orders')!);
    const orders = dbs.get('orders')!;
    const deliveries = dbs.get('notifications')!;
    console.log(`webhooks under the checkout flow: ${RATE} orders/s, ${SECONDS} s per phase, outage ${OUTAGE_SECONDS} s`);

    // 3 first, while no endpoint exists: the checkout's own latency.
    const before = await checkoutLatency(shop, orders, RATE, SECONDS);
    const slow = await WebhookReceiver.start();
    receivers.push(slow);
    slow.answer = () => ({ status: 200, delayMs: 2000 });
    const slowEndpoint = await register(baseUrl, admin, slow.url);
    const withSlow = await checkoutLatency(shop, orders, RATE, SECONDS);
    await callApi(baseUrl, admin, 'PATCH', `/webhook-endpoints/${slowEndpoint}`, { enabled: false });

    // 1: throughput.
    const fast = await WebhookReceiver.start();
    receivers.push(fast);
    const start = new Date(Date.now() - 10 * 60_000);
    const fastEndpoint = await register(baseUrl, admin, fast.url);
    // Up to the registration: the replay sends what the endpoint never got, the fan-out what came after.
    const registeredAt = new Date();
    const flowing = runOrders(shop, RATE, SECONDS);
    const drainStart = Date.now();
    const receivedBefore = fast.received.length;
    const replay = await callApi(baseUrl, admin, 'POST', `/webhook-endpoints/${fastEndpoint}/replay`, { from: start, to: registeredAt }, { timeoutMs: 120_000 });
    if (replay.status !== 202) throw new Error(`replay failed: ${replay.status} ${JSON.stringify(replay.body)}`);
    // Until the replayed backlog is gone: with orders flowing, the live deliveries are never all done at one instant.
    await untilDrained(deliveries, fastEndpoint, 'replay');
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const delivered = fast.received.length - receivedBefore;
    await flowing;
    await untilDrained(deliveries, fastEndpoint);
    const ceiling = await receiverCeiling(fast.url, 3000);

    // 2: outage then recovery.
    const failing = await WebhookReceiver.start();
    receivers.push(failing);
    let recoveredAt = Number.POSITIVE_INFINITY;
    const outageEnds = Date.now() + OUTAGE_SECONDS * 1000;
    failing.answer = () => (Date.now() < outageEnds ? { status: 500 } : { status: 200 });
    const failingEndpoint = await register(baseUrl, admin, failing.url);
    await runOrders(shop, RATE, OUTAGE_SECONDS);
    recoveredAt = Math.max(outageEnds, Date.now());
    await sleep(Math.max(0, outageEnds - Date.now()));
    await untilDrained(deliveries, failingEndpoint);
    const drainedAfterRecovery = (Date.now() - recoveredAt) / 1000;
    const [{ count: queuedForFailing }] = await deliveries('webhook_deliveries').where({ endpoint_id: failingEndpoint }).count({ count: '*' });
    const [{ count: failedForFailing }] = await deliveries('webhook_deliveries').where({ endpoint_id: failingEndpoint, status: 'FAILED' }).count({ count: '*' });

    const rate = delivered / drainSeconds;
    console.log('');
    console.log('1. one fast endpoint (*), orders flowing, a replay backlog draining');
    console.log(`   deliveries: ${delivered} in ${drainSeconds.toFixed(1)} s = ${rate.toFixed(0)}/s; receiver ceiling ${ceiling.toFixed(0)}/s (ratio ${(rate / ceiling).toFixed(2)})`);
    const kinds = await deliveries('webhook_deliveries').where({ endpoint_id: fastEndpoint }).whereIn('kind', ['event', 'replay']).select('event_id', 'kind');
    const idsOf = (kind: string) => new Set(kinds.filter((row: { kind: string }) => row.kind === kind).map((row: { event_id: string }) => row.event_id));
    const [replayed, fannedOut] = [idsOf('replay'), idsOf('event')];
    // An event the broker stamped before the registration but the fan-out read after it is sent twice, by design.
    const both = new Set([...replayed].filter((id) => fannedOut.has(id)));
    const only = (ids: Set<string>) => fast.delivered.filter((r) => ids.has(String(r.headers['webhook-id'])) && !both.has(String(r.headers['webhook-id'])));
    const violations = orderViolations(only(replayed)) + orderViolations(only(fannedOut));
    console.log(`   per-aggregate order violations: ${violations} (${replayed.size} events replayed, ${fannedOut.size} fanned out; ${both.size} in both, sent twice, left out)`);
    console.log(`2. an endpoint answering 500 for ${OUTAGE_SECONDS} s, then 200`);
    console.log(`   deliveries queued ${queuedForFailing}, failed ${failedForFailing}; backlog drained ${drainedAfterRecovery.toFixed(1)} s after recovery`);
    const onceEach = exactlyOnce(failing.delivered);
    console.log(`   events delivered (2xx): ${failing.delivered.length}, distinct ${onceEach.distinct}, duplicates ${onceEach.duplicates}; order violations ${orderViolations(failing.delivered)}`);
    console.log('3. checkout placed → PAID with a slow endpoint (2 s per answer, every event)');
    console.log(`   without: p50 ${ms(before.p50)} p99 ${ms(before.p99)}; with: p50 ${ms(withSlow.p50)} p99 ${ms(withSlow.p99)} (p50 ratio ${(withSlow.p50 / before.p50).toFixed(2)})`);
    console.log(`emails delivered to the benchmark's SMTP server: ${mailSummary(smtp)}`);
  } finally {
    await api.stop();
    await relay.stop();
    await smtp.stop();
    await Promise.all(receivers.map((r) => r.stop()));
    await Promise.all([...dbs.values()].map((db) => db.destroy()));
  }
}

async function register(baseUrl: string, admin: SignedIn, url: string): Promise<string> {
  const created = await callApi(baseUrl, admin, 'POST', '/webhook-endpoints', { url, eventTypes: ['*'], description: 'bench' });
  if (created.status !== 201) throw new Error(`registering ${url} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return (created.body as { endpoint: { id: string } }).endpoint.id;
}

/** Open-loop arrivals: one checkout every 1/rate s for `seconds`; resolves with the placed orders' ids. */
async function runOrders(shop: Shop, rate: number, seconds: number): Promise<string[]> {
  const started = Date.now();
  const runs: Array<Promise<string | undefined>> = [];
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    runs.push(shop.checkout().then((c) => c.orderId));
  }
  return (await Promise.all(runs)).filter((id): id is string => id !== undefined);
}

async function checkoutLatency(shop: Shop, orders: Knex, rate: number, seconds: number): Promise<{ p50: number; p99: number }> {
  const ids = await runOrders(shop, rate, seconds);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [{ count }] = await orders('orders').whereIn('id', ids).whereNot('status', 'PAID').count({ count: '*' });
    if (Number(count) === 0) break;
    await sleep(250);
  }
  const { rows } = await orders.raw<{ rows: Array<{ placed: Date; paid: Date | null }> }>(
    `select min(occurred_at) filter (where to_status = 'PENDING') as placed, min(occurred_at) filter (where to_status = 'PAID') as paid
       from order_status_history where order_id = any(?) group by order_id`,
    [ids],
  );
  const sorted = ascending(rows.filter((r) => r.paid).map((r) => r.paid!.getTime() - r.placed.getTime()));
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function untilDrained(db: Knex, endpointId: string, kind?: 'replay'): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [{ count }] = await db('webhook_deliveries')
      .where({ endpoint_id: endpointId, status: 'PENDING', ...(kind && { kind }) })
      .count({ count: '*' });
    if (Number(count) === 0) return;
    await sleep(100);
  }
  throw new Error(`deliveries to ${endpointId} did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
}

/**
 * Deliveries whose event happened before one of the same aggregate delivered ahead of it (by the events' own time).
 * An aggregate is one stream's: its module (the CloudEvents source) and its id.
 */
function orderViolations(received: readonly ReceivedWebhook[]): number {
  const last = new Map<string, string>();
  let violations = 0;
  for (const r of received) {
    if (r.json.type === 'webhooks.Ping') continue;
    const aggregate = `${String(r.json.cloudevent?.source)} ${r.json.aggregateId}`;
    const time = r.json.timestamp;
    const previous = last.get(aggregate);
    if (previous !== undefined && time < previous) violations += 1;
    last.set(aggregate, previous !== undefined && previous > time ? previous : time);
  }
  return violations;
}

function exactlyOnce(received: readonly ReceivedWebhook[]): { distinct: number; duplicates: number } {
  const ids = received.map((r) => String(r.headers['webhook-id']));
  const distinct = new Set(ids).size;
  return { distinct, duplicates: ids.length - distinct };
}

/** Requests/s the receiver takes from this process alone: kept-alive connections, 200 in flight, for `forMs`. */
async function receiverCeiling(url: string, forMs: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  const body = JSON.stringify({ type: 'bench.Ceiling', aggregateId: 'ceiling', data: {} });
  const until = Date.now() + forMs;
  let done = 0;
  const worker = async () => {
    while (Date.now() < until) {
      await new Promise<void>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': `c${done}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end(body);
      });
      done += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 200 }, worker));
  agent.destroy();
  return done / ((Date.now() - started) / 1000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
