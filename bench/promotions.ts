/**
 * Order placement with and without a promotion code, in the same run against the same database:
 *   1. without a code (the ceiling for this measurement);
 *   2. every order with one code of unlimited uses: all placements queue on that promotion's row lock;
 *   3. every order with a code of its own (no shared lock).
 * Each phase places N orders through POST /orders with C clients at once, after a warm-up, and prints
 * orders/s, p50/p99 and the ratio to (1). Usage: npm run bench:promotions [-- N C]   (needs `npm run infra:up`)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { startApi } from '../host/api';
import { loadConfig } from '../src/config/config';
import { prepareRun } from '../test/prepare-run';
import { createLogger } from '../src/logging/logger';
import { signIn } from '../test/signed-in';
import { useLocalKafkaCredentials } from '../test/kafka-operator';
import { localPostgresUrl, requireDatabaseUrl, useLocalRuntimeRoles } from '../test/local-postgres';
import { percentile } from './support/stats';

const N = Number(process.argv[2] ?? 400);
const C = Number(process.argv[3] ?? 20);
const runId = `bench${Date.now().toString(36)}`;
process.env.DATABASE_URL ??= localPostgresUrl(`mart_${runId}`);
requireDatabaseUrl();
useLocalRuntimeRoles();
process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
useLocalKafkaCredentials();
process.env.KAFKA_TOPIC_PREFIX ??= `${runId}.`;
process.env.KAFKA_CONSUMER_GROUP_PREFIX ??= runId;
process.env.LOG_LEVEL ??= 'warn';
process.env.METRICS_PORT ??= '0';

const ADDRESS = { name: 'Bench', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: '0' });
  await prepareRun(config);
  const logger = createLogger({ level: config.logLevel, name: 'bench' });
  // Consumers off: this measures placement (the order's transaction), not the saga behind it.
  const api = await startApi({ ...config, port: 0 }, logger, { startConsumers: false });
  const baseUrl = `http://127.0.0.1:${api.port}`;
  const orders = api.databases.get('orders')!;
  const productId = randomUUID();
  await orders('catalog').insert({ product_id: productId, sku: 'BENCH', name: 'Bench product', price_cents: 1250, currency: 'EUR', archived: false, version: 1 });
  await orders('catalog_variants').insert({ variant_id: productId, product_id: productId, sku: 'BENCH', product_name: 'Bench product', price_cents: 1250, currency: 'EUR', version: 1 });
  const stack = { db: (m: string) => api.databases.get(m)!, config, baseUrl } as never;
  // A customer per order of a phase (each places one order a phase, as shoppers do), placed by C clients at once.
  const shoppers = await Promise.all(Array.from({ length: N }, () => signIn(stack)));
  const shared = `SHARED-${runId}`;
  await orders('promotions').insert({ id: randomUUID(), code: shared, kind: 'percentage', value: 10 });

  const place = async (token: string, promotionCode?: string) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ items: [{ productId, quantity: 1 }], shippingAddress: ADDRESS, ...(promotionCode ? { promotionCode } : {}) }),
    });
    if (response.status !== 201) throw new Error(`POST /orders answered ${response.status}: ${await response.text()}`);
    return performance.now() - started;
  };
  const phase = async (count: number, codeFor: (i: number) => Promise<string | undefined>) => {
    const codes = await Promise.all(Array.from({ length: count }, (_, i) => codeFor(i)));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        for (let i = next++; i < count; i = next++) latencies.push(await place(shoppers[i % shoppers.length].token, codes[i]));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  };
  const ownCode = async () => {
    const code = `OWN-${randomUUID().slice(0, 12)}`;
    await orders('promotions').insert({ id: randomUUID(), code, kind: 'percentage', value: 10 });
    return code;
  };

  await phase(Math.min(N, 200), async () => undefined); // warm-up
  const without = await phase(N, async () => undefined);
  const sharedCode = await phase(N, async () => shared);
  const ownCodes = await phase(N, ownCode);
  const line = (name: string, r: typeof without) =>
    `  ${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} orders/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   ratio ${(r.perSecond / without.perSecond).toFixed(2)}`;
  console.log(`\npromotion codes at placement (N=${N} orders per phase, ${C} clients at once, consumers off)`);
  console.log(line('without a code (ceiling)', without));
  console.log(line('one shared code (one row lock)', sharedCode));
  console.log(line('a code of its own per order', ownCodes));
  await api.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
