/**
 * The checkout saga under open-loop load, everything on this machine, API and relay as their own processes:
 * at each fixed arrival rate (orders/s, for SECONDS each) a customer (registered through the API beforehand) places
 * an order and pays it as soon as POST /orders answered; the order emails are rendered and delivered to an SMTP
 * server of the benchmark's own, and counted. Per rate it prints the achieved placement rate, placed → AWAITING_PAYMENT and
 * placed → PAID p50/p99 (from the orders' status history), orders not placed (by answer), refused payments of
 * placed orders, orders not PAID, peak consumer lag,
 * CPU of API, relay, Postgres and Kafka (% of one core), CPU milliseconds per order of API, relay and Postgres together,
 * and statements and database transactions per order (BENCH_STATEMENTS=1 lists the statements). In the same run a
 * Postgres ceiling: pgbench running a transaction shaped like one saga step (inbox row, row update, outbox row),
 * with the ratio of the saga's transactions/s to it.
 * BENCH_DEPLOYMENT=split runs the split deployment instead (scripts/split-deployment.ts: three processes on three
 * databases, the third on the second local cluster, behind Caddy), on the same machine.
 * Usage: npm run bench:checkout [-- RATES SECONDS CUSTOMERS]   e.g. -- 20,50,100,200 20 1400   (needs `npm run infra:up`)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { allStreams } from '../proto/streams';
import { moduleNames } from '../src/module-names';
import { loadConfig, type Config } from '../src/config/config';
import { createModuleDatabase, type Knex } from '../src/db/database';
import { prepareRun } from '../test/prepare-run';
import { createLogger } from '../src/logging/logger';
import { consumerGroupLag, createKafka, topicEnds } from '../src/messaging/kafka';
import { TopicNames } from '../src/messaging/topic-names';
import { signIn } from '../test/signed-in';
import { benchEnvironment, freePort, infrastructurePids, startMartProcess, untilReady } from './support/mart-processes';
import { CpuMeter, rssMegabytes } from './support/process-usage';
import { mailSummary, registerCustomers, Shop, type Checkout } from './support/shop-api';
import { SmtpTestServer } from '../test/smtp-test-server';
import { ascending, ms, percentile } from './support/stats';
import { startSplitProcesses } from './support/split-processes';
import { databaseName } from '../src/db/database';
import { splitDatabaseEnvironment } from '../scripts/split-deployment';
import { consumerGroups } from '../host/module-subscriptions';
import { operatorSasl } from '../src/messaging/kafka-principals';

const RATES = (process.argv[2] ?? '20,50,100,200').split(',').map(Number);
const SECONDS = Number(process.argv[3] ?? 20);
// By default enough customers that each places at most about 8 orders a minute at the highest rate, under the
// per-customer limits' defaults (10 a minute).
const CUSTOMERS = Number(process.argv[4] ?? Math.max(20, Math.max(...RATES) * 7));
const PRODUCTS = 20;
const DRAIN_TIMEOUT_MS = 60_000;
/** Events one paid order sets off (placed, reserved, stock levels, awaiting payment, payment, paid, committed). */
const EVENTS_PER_ORDER = 8;


interface PhaseResult {
  rate: number;
  placed: number;
  achieved: number;
  awaiting: { p50: number; p99: number };
  paid: { p50: number; p99: number };
  notPlaced: Record<string, number>;
  refused: number;
  unpaid: number;
  peakLag: number;
  lagAtEnd: number;
  lagByGroup: Record<string, number>;
  cpu: Record<string, number>;
  transactionsPerOrder: number;
  statementsPerOrder: number;
  cpuMsPerOrder: number;
  transactionsPerSecond: number;
  rss: { api: number; relay: number };
}

async function main(): Promise<void> {
  const env = benchEnvironment('checkout');
  const deployment = process.env.BENCH_DEPLOYMENT === 'split' ? 'split' : 'monolith';
  if (deployment === 'split') {
    const clusters = { a: process.env.MART_LOCAL_POSTGRES_URL, b: process.env.MART_LOCAL_POSTGRES_B_URL };
    if (!clusters.a || !clusters.b) throw new Error('BENCH_DEPLOYMENT=split needs both clusters: bash scripts/infra.sh start postgres-b; eval "$(bash scripts/infra.sh env)"');
    Object.assign(env, splitDatabaseEnvironment({ a: clusters.a, b: clusters.b }, databaseName(env.DATABASE_URL!)));
  }
  const smtp = await SmtpTestServer.start();
  const port = await freePort();
  const config = loadConfig({ ...env, PORT: String(port), SMTP_URL: smtp.url });
  await prepareRun(config);
  const logger = createLogger({ level: config.logLevel, name: 'bench' });
  const childEnv = { ...env, PORT: String(port), MIGRATE_ON_START: 'false', SMTP_URL: smtp.url };
  // BENCH_WORKER=1: the API serves HTTP only and a second process of the same deployable runs the consumers and
  // background work (MART_ROLE=api and MART_ROLE=worker); their CPU and memory are reported together as the API's.
  const split = process.env.BENCH_WORKER === '1';
  const parts = deployment === 'split' ? await startSplitProcesses(childEnv, port) : undefined;
  const api = parts ? undefined : startMartProcess('api', 'host/main.ts', { ...childEnv, MART_ROLE: split ? 'api' : 'all' });
  const worker = split && !parts ? startMartProcess('worker', 'host/main.ts', { ...childEnv, MART_ROLE: 'worker', PORT: '0' }) : undefined;
  const relay = startMartProcess('relay', 'relay/main.ts', childEnv);
  const apis = parts ? parts.processes : [api!];
  const baseUrl = `http://127.0.0.1:${port}`;
  // Each module's tables where the module keeps them; the statistics of every database the deployment uses.
  const dbs = new Map(moduleNames.map((m) => [m, createModuleDatabase({ url: config.database.ownerUrls[m], schema: m, poolMax: 4 })]));
  const databases = [...new Map(moduleNames.map((m) => [config.database.ownerUrls[m], dbs.get(m)!])).values()];
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: 'bench', logger, sasl: operatorSasl() });
  const admin = kafka.admin();
  try {
    await untilReady(baseUrl);
    await admin.connect();
    const stack = { db: (m: string) => dbs.get(m as never)!, config, baseUrl } as never;
    const shop = new Shop(baseUrl, await signIn(stack, 'admin'), await registerCustomers(baseUrl, smtp, CUSTOMERS, 'checkout'));
    await shop.stockProducts(PRODUCTS, dbs.get('orders')!);

    const infra = infrastructurePids();
    const cpu = new CpuMeter([
      ...apis.map((p) => ({ name: p.name, pid: p.pid })),
      ...(parts ? [{ name: 'gateway', pid: parts.gateway.pid }] : []),
      ...(worker ? [{ name: 'worker', pid: worker.pid }] : []),
      { name: 'relay', pid: relay.pid },
      ...(infra.postgres ? [{ name: 'postgres', pid: infra.postgres, withChildren: true }] : []),
      ...(parts && infra.postgresB ? [{ name: 'postgres-b', pid: infra.postgresB, withChildren: true }] : []),
      ...(infra.kafka ? [{ name: 'kafka', pid: infra.kafka }] : []),
      { name: 'load', pid: process.pid },
    ]);
    const lag = new ConsumerLag(admin, config, await consumerGroups(config, logger));
    const probe = { config, dbs, databases, cpu, lag, apis: [...apis.map((p) => p.pid), ...(worker ? [worker.pid] : [])], relay: relay.pid };

    console.log(`${deployment === 'split' ? 'split deployment (3 processes, 3 databases on 2 clusters, gateway): ' : ''}checkout saga, open-loop arrivals, ${SECONDS} s per rate, ${CUSTOMERS} customers, each order paid at once`);
    await runPhase(shop, probe, 20, Math.min(5, SECONDS)); // warm-up, not reported
    const results: PhaseResult[] = [];
    for (const rate of RATES) results.push(await runPhase(shop, probe, rate, SECONDS));
    const ceiling = pgbenchCeiling(config.database.url);
    report(results, ceiling);
    const paid = Number((await dbs.get('orders')!('orders').where('status', 'PAID').count({ n: '*' }))[0].n);
    console.log(`emails delivered to the benchmark's SMTP server: ${mailSummary(smtp)}, for ${paid} paid orders`);
  } finally {
    await admin.disconnect().catch(() => undefined);
    await api?.stop();
    await worker?.stop();
    await parts?.stop();
    await relay.stop();
    await smtp.stop();
    await Promise.all([...dbs.values()].map((db) => db.destroy()));
  }
}

/** The summed lag of every consumer group (each module's own and its side groups) over the topics it reads. */
class ConsumerLag {
  private readonly topics: string[];
  private readonly prefix: string;

  constructor(
    private readonly admin: Admin,
    config: Config,
    private readonly groups: readonly string[],
  ) {
    this.prefix = config.kafka.consumerGroupPrefix;
    const names = new TopicNames(config.kafka.topicPrefix);
    this.topics = allStreams.map((s) => names.physical(s.topic));
  }

  async total(): Promise<number> {
    return Object.values(await this.byGroup()).reduce((sum, lag) => sum + lag, 0);
  }

  async byGroup(): Promise<Record<string, number>> {
    const ends = await topicEnds(this.admin, this.topics);
    const lag: Record<string, number> = {};
    for (const groupId of this.groups) {
      const byTopic = await consumerGroupLag(this.admin, groupId, this.topics, ends);
      lag[groupId.slice(this.prefix.length + 1)] = [...byTopic.values()].reduce((sum, topicLag) => sum + topicLag, 0);
    }
    return lag;
  }
}

interface Probe {
  config: Config;
  dbs: Map<string, Knex>;
  /** One connection per database the deployment uses (one, or one per part of the split). */
  databases: Knex[];
  cpu: CpuMeter;
  lag: ConsumerLag;
  /** The processes serving the API: one, with a worker (BENCH_WORKER), or the split's parts. */
  apis: number[];
  relay: number;
}

async function runPhase(shop: Shop, probe: Probe, rate: number, seconds: number): Promise<PhaseResult> {
  const orders = probe.dbs.get('orders')!;
  const statements = await StatementCounts.reset(probe.databases);
  const transactionsBefore = await committedTransactions(probe.databases);
  probe.cpu.begin();
  const started = performance.now();
  const lagSamples: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      lagSamples.push(await probe.lag.total().catch(() => Number.NaN));
      await sleep(500);
    }
  })();

  // Open loop: arrival i is due at i / rate seconds, whether or not earlier checkouts have finished.
  const total = Math.round(rate * seconds);
  const checkouts: Array<Promise<Checkout>> = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    checkouts.push(shop.checkout());
  }
  const done = await Promise.all(checkouts);
  const placingSeconds = (performance.now() - started) / 1000;
  const lagByGroup = await probe.lag.byGroup();
  const lagAtEnd = Object.values(lagByGroup).reduce((sum, lag) => sum + lag, 0);
  const orderIds = done.flatMap((c) => (c.orderId ? [c.orderId] : []));
  const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
  let unpaid = orderIds.length;
  while (unpaid > 0 && Date.now() < drainDeadline) {
    await sleep(250);
    const [{ count }] = await orders('orders').whereIn('id', orderIds).whereNot('status', 'PAID').count({ count: '*' });
    unpaid = Number(count);
  }
  sampling = false;
  await sampler;
  const measured = probe.cpu.end();
  const sum = (prefix: string) => Object.entries(measured).filter(([name]) => name.startsWith(prefix)).reduce((total, [, value]) => total + value, 0);
  // The API's processes (with a worker, or the split's parts and its gateway) and every PostgreSQL cluster together.
  const cpu: Record<string, number> = { ...measured, api: sum('api') + sum('worker') + sum('gateway'), postgres: sum('postgres') };
  const transactions = (await committedTransactions(probe.databases)) - transactionsBefore;
  const elapsed = (performance.now() - started) / 1000;
  const latencies = await sagaLatencies(orders, orderIds);
  const statementsRun = await statements.total();
  if (process.env.BENCH_STATEMENTS) await statements.print(orderIds.length, rate);
  // API, relay and Postgres: what the saga itself costs (Kafka and the load generator are the same for any design).
  const sagaCpuMs = ((cpu.api ?? 0) + (cpu.relay ?? 0) + (cpu.postgres ?? 0)) * 10 * elapsed;
  return {
    rate,
    placed: orderIds.length,
    achieved: orderIds.length / placingSeconds,
    awaiting: latencies.awaiting,
    paid: latencies.paid,
    notPlaced: countBy(done.filter((c) => c.orderStatus !== 201).map((c) => String(c.orderStatus))),
    refused: done.filter((c) => c.orderStatus === 201 && c.paymentStatus !== 201 && c.paymentStatus !== 202).length,
    unpaid,
    peakLag: Math.max(0, ...lagSamples.filter(Number.isFinite)),
    lagAtEnd,
    lagByGroup,
    cpu,
    transactionsPerOrder: transactions / Math.max(1, orderIds.length),
    statementsPerOrder: statementsRun / Math.max(1, orderIds.length),
    cpuMsPerOrder: sagaCpuMs / Math.max(1, orderIds.length),
    transactionsPerSecond: transactions / elapsed,
    rss: { api: probe.apis.reduce((total, pid) => total + rssMegabytes(pid), 0), relay: rssMegabytes(probe.relay) },
  };
}

/**
 * What ran in Postgres during a phase, from pg_stat_statements (preloaded by scripts/infra.sh), per order; each
 * statement with BENCH_STATEMENTS=1.
 */
class StatementCounts {
  private constructor(private readonly dbs: readonly Knex[]) {}

  static async reset(dbs: readonly Knex[]): Promise<StatementCounts> {
    for (const db of dbs) {
      await db.raw('create extension if not exists pg_stat_statements');
      await db.raw('select pg_stat_statements_reset()');
    }
    return new StatementCounts(dbs);
  }

  /** Statements run in the deployment's databases since the reset, begin and commit included. */
  async total(): Promise<number> {
    let calls = 0;
    for (const db of this.dbs) {
      const { rows } = await db.raw(
        `select coalesce(sum(calls), 0) as calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
      );
      calls += Number(rows[0].calls);
    }
    return calls;
  }

  async print(orders: number, rate: number): Promise<void> {
    const { rows } = await this.dbs[0].raw(
      `select calls, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g') as query from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database()) order by calls desc limit 60`,
    );
    console.log(`\n  statements at ${rate}/s, per order (calls, exec ms):`);
    for (const row of rows) {
      console.log(`  ${(row.calls / orders).toFixed(2).padStart(6)} ${(row.total_exec_time / orders).toFixed(2).padStart(6)}  ${row.query.slice(0, 110)}`);
    }
  }
}

async function committedTransactions(dbs: readonly Knex[]): Promise<number> {
  let commits = 0;
  for (const db of dbs) {
    const { rows } = await db.raw('select xact_commit from pg_stat_database where datname = current_database()');
    commits += Number(rows[0].xact_commit);
  }
  return commits;
}

/** placed → AWAITING_PAYMENT and placed → PAID, from the order's own status history (one clock). */
async function sagaLatencies(orders: Knex, orderIds: string[]) {
  const awaiting: number[] = [];
  const paid: number[] = [];
  for (let i = 0; i < orderIds.length; i += 1000) {
    const { rows } = await orders.raw(
      `select order_id,
              min(occurred_at) filter (where to_status = 'PENDING') as placed,
              min(occurred_at) filter (where to_status = 'AWAITING_PAYMENT') as awaiting,
              min(occurred_at) filter (where to_status = 'PAID') as paid
         from order_status_history where order_id = any(?) group by order_id`,
      [orderIds.slice(i, i + 1000)],
    );
    for (const row of rows) {
      if (row.awaiting) awaiting.push(row.awaiting.getTime() - row.placed.getTime());
      if (row.paid) paid.push(row.paid.getTime() - row.placed.getTime());
    }
  }
  const summary = (values: number[]) => {
    const sorted = ascending(values);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return { awaiting: summary(awaiting), paid: summary(paid) };
}

/** pgbench on the same server: a transaction shaped like one saga step, clients as many as the API's pools use. */
function pgbenchCeiling(databaseUrl: string): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'mart-pgbench-'));
  const setup = join(dir, 'setup.sql');
  const step = join(dir, 'step.sql');
  writeFileSync(
    setup,
    `create schema if not exists bench_ceiling;
     create table if not exists bench_ceiling.inbox (event_id uuid, consumer text, primary key (event_id, consumer));
     create table if not exists bench_ceiling.rows (id int primary key, n bigint not null default 0, updated_at timestamptz);
     insert into bench_ceiling.rows (id) select generate_series(1, 100000) on conflict do nothing;
     create table if not exists bench_ceiling.outbox (id bigserial primary key, aggregate_id uuid, payload bytea, created_at timestamptz default now());`,
  );
  writeFileSync(
    step,
    `\\set id random(1, 100000)
     begin;
     insert into bench_ceiling.inbox values (gen_random_uuid(), 'bench-step') on conflict do nothing;
     update bench_ceiling.rows set n = n + 1, updated_at = now() where id = :id;
     insert into bench_ceiling.outbox (aggregate_id, payload) values (gen_random_uuid(), decode(repeat('ab', 200), 'hex'));
     commit;`,
  );
  try {
    execFileSync('psql', ['-q', '-f', setup, databaseUrl], { stdio: ['ignore', 'ignore', 'inherit'] });
    const out = execFileSync('pgbench', ['-n', '-c', '8', '-j', '2', '-T', '10', '-f', step, databaseUrl], { encoding: 'utf8' });
    return Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  } catch (error) {
    console.log(`  (no Postgres ceiling: pgbench and psql are needed, from Debian's postgresql-client: ${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

function report(results: PhaseResult[], ceiling: number | undefined): void {
  const pct = (v: number | undefined) => (v === undefined ? '  n/a' : `${v.toFixed(0).padStart(4)}%`);
  console.log(
    '\n rate  achieved  placed→AWAITING p50/p99   placed→PAID p50/p99   refused unpaid  lag peak/end   CPU api relay pg kafka load  CPU ms/order  stmts/order  tx/order  tx/s  ratio',
  );
  for (const r of results) {
    console.log(
      [
        String(r.rate).padStart(5),
        r.achieved.toFixed(1).padStart(9),
        `${ms(r.awaiting.p50)} / ${ms(r.awaiting.p99)}`.padStart(24),
        `${ms(r.paid.p50)} / ${ms(r.paid.p99)}`.padStart(21),
        String(r.refused).padStart(9),
        String(r.unpaid).padStart(6),
        `${r.peakLag}/${r.lagAtEnd}`.padStart(13),
        `${pct(r.cpu.api)}${pct(r.cpu.relay)}${pct(r.cpu.postgres)}${pct(r.cpu.kafka)}${pct(r.cpu.load)}`.padStart(27),
        r.cpuMsPerOrder.toFixed(1).padStart(13),
        r.statementsPerOrder.toFixed(1).padStart(12),
        r.transactionsPerOrder.toFixed(1).padStart(9),
        r.transactionsPerSecond.toFixed(0).padStart(6),
        ceiling ? (r.transactionsPerSecond / ceiling).toFixed(2).padStart(6) : '   n/a',
      ].join(' '),
    );
  }
  for (const r of results) {
    const failures = Object.entries(r.notPlaced);
    if (failures.length > 0) console.log(`  at ${r.rate}/s, orders not placed, by answer (0: none): ${failures.map(([status, n]) => `${status} × ${n}`).join(', ')}`);
  }
  for (const r of results) {
    const behind = Object.entries(r.lagByGroup).filter(([, lag]) => lag > 0);
    if (behind.length > 0) console.log(`  at ${r.rate}/s, lag when arrivals ended: ${behind.map(([group, lag]) => `${group} ${lag}`).join(', ')}`);
  }
  // Sustained: arrivals kept up with, every order paid, and the consumers no more than a second's events behind.
  const sustained = results.filter((r) => r.achieved >= 0.95 * r.rate && r.unpaid === 0 && r.lagAtEnd <= r.rate * EVENTS_PER_ORDER);
  console.log(`\nhighest sustained rate in this run: ${sustained.length > 0 ? `${Math.max(...sustained.map((r) => r.rate))} orders/s` : 'none of the rates'}`);
  const peakRss = (key: 'api' | 'relay') => Math.max(...results.map((r) => r.rss[key]));
  console.log(`\nRSS after the runs: API ${peakRss('api').toFixed(0)} MB, relay ${peakRss('relay').toFixed(0)} MB`);
  if (ceiling) console.log(`Postgres ceiling (pgbench, 8 clients, one saga-shaped step per transaction): ${ceiling.toFixed(0)} tx/s`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
