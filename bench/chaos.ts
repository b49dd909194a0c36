/**
 * Faults injected one after another while customers check out at a fixed rate, everything on this machine: its
 * own API, an active relay and a standby relay (each its own process) on a database, topics and consumer groups
 * of its own; customers registered through the API, each order paid at once (placement and payment retried with
 * their Idempotency-Keys while the API does not answer, as a client does), confirmation emails delivered to an
 * SMTP server in this process. Faults, in turn: relay SIGKILL, API SIGKILL and restart, Kafka SIGSTOP 30 s, Kafka
 * restart, registry stopped 30 s, PostgreSQL immediate shutdown and start 10 s later (PostgreSQL, Kafka and the
 * registry are the project's local ones, stopped and started through scripts/infra.sh).
 * Per fault it prints orders placed, orders PAID, orders with other than exactly one successful payment,
 * confirmation emails other than once, and seconds from the fault's end until every order placed before then was
 * PAID. Exits 1 if any order is lost (not PAID) or doubled (payments or emails).
 * Usage: npm run chaos [-- RATE]   (orders/s, default 10; needs `npm run infra:up`; takes about 6 minutes)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase, type Knex } from '../src/db/database';
import { prepareRun } from '../test/prepare-run';
import { projectRoot } from '../src/project-root';
import { startService, stopService } from '../test/local-infrastructure';
import { outboxLockHolder } from '../test/relay-process';
import { signIn, type SignedIn } from '../test/signed-in';
import { SmtpTestServer } from '../test/smtp-test-server';
import { benchEnvironment, freePort, startMartProcess, untilReady, type MartProcess } from './support/mart-processes';
import { callApi, registerCustomers, stockProducts } from './support/shop-api';

const RATE = Number(process.argv[2] ?? 10);
const STEADY_MS = 5_000;
const DRAIN_TIMEOUT_MS = 180_000;
// Each places about 6 orders a minute at the default rate, within the per-customer limits' defaults.
const CUSTOMERS = Math.max(10, RATE * 10);
const ADDRESS = { name: 'Chaos', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

interface Fault {
  name: string;
  /** Injects the fault and resolves when it has ended (the process restarted, the service back). */
  inject(run: Run): Promise<void>;
}

const faults: Fault[] = [
  {
    name: 'relay SIGKILL',
    inject: async (run) => {
      const holder = await outboxLockHolder(run.databaseUrl, 'orders');
      const active = run.relays.find((r) => r.pid === holder) ?? run.relays[0];
      process.kill(active.pid, 'SIGKILL');
      run.relays = [...run.relays.filter((r) => r !== active), run.startRelay()];
    },
  },
  {
    name: 'API SIGKILL + restart',
    inject: async (run) => {
      process.kill(run.api.pid, 'SIGKILL');
      await sleep(1000);
      run.api = run.startApi();
      await untilReady(run.baseUrl);
    },
  },
  {
    name: 'Kafka SIGSTOP 30 s',
    inject: async () => {
      const pid = Number(readFileSync(join(projectRoot(), '.cache/infra/run/kafka.pid'), 'utf8'));
      process.kill(pid, 'SIGSTOP');
      await sleep(30_000);
      process.kill(pid, 'SIGCONT');
    },
  },
  {
    name: 'Kafka restart',
    inject: async () => {
      await stopService('kafka');
      await startService('kafka');
    },
  },
  {
    name: 'registry stopped 30 s',
    inject: async () => {
      await stopService('registry');
      await sleep(30_000);
      await startService('registry');
    },
  },
  {
    name: 'PostgreSQL immediate shutdown, start after 10 s',
    inject: async () => {
      await stopService('postgres', { immediate: true });
      await sleep(10_000);
      await startService('postgres');
    },
  },
];

interface Placed {
  orderId: string;
  phase: number;
}

class Run {
  relays: MartProcess[] = [];
  api!: MartProcess;
  readonly placed: Placed[] = [];
  private customers: SignedIn[] = [];
  private variantIds: string[] = [];
  private next = 0;
  phase = -1;

  constructor(
    readonly baseUrl: string,
    readonly databaseUrl: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly smtp: SmtpTestServer,
  ) {}

  startApi(): MartProcess {
    return startMartProcess('api', 'host/main.ts', this.env);
  }

  startRelay(): MartProcess {
    return startMartProcess('relay', 'relay/main.ts', this.env);
  }

  async prepare(admin: SignedIn, orders: Knex): Promise<void> {
    this.customers = await registerCustomers(this.baseUrl, this.smtp, CUSTOMERS, 'chaos');
    this.variantIds = await stockProducts(this.baseUrl, admin, 5, orders, 'Chaos');
  }

  /** Open-loop arrivals at RATE until `stop` resolves; each checkout runs to its end in the background. */
  async load(stop: Promise<void>, work: Array<Promise<void>>): Promise<void> {
    let stopped = false;
    void stop.then(() => (stopped = true));
    const started = performance.now();
    for (let i = 0; !stopped; i += 1) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 1) await sleep(wait);
      work.push(this.checkout(this.phase));
    }
  }

  /** Places an order and pays it, each call retried under its Idempotency-Key until the API answers it. */
  private async checkout(phase: number): Promise<void> {
    const i = this.next++;
    const customer = this.customers[i % this.customers.length];
    const item = { variantId: this.variantIds[i % this.variantIds.length], quantity: 1 };
    const placed = await this.untilAnswered(customer, 'POST', '/orders', { items: [item], shippingAddress: ADDRESS }, [201]);
    if (!placed) return;
    this.placed.push({ orderId: placed.id, phase });
    await this.untilAnswered(customer, 'POST', '/payments', { orderId: placed.id, paymentMethod: { type: 'card', token: 'tok_visa' } }, [201, 202]);
  }

  private async untilAnswered(as: SignedIn, method: string, path: string, body: unknown, accepted: number[]) {
    const key = randomUUID();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const answer = await this.call(as, method, path, body, { 'idempotency-key': key });
      if (accepted.includes(answer.status)) return answer.body;
      // 0: no connection; 5xx: a dependency is away; 409: the same key still in progress. Anything else is final.
      if (answer.status !== 0 && answer.status < 500 && answer.status !== 409) {
        console.error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        return undefined;
      }
      await sleep(1000);
    }
    return undefined;
  }

  private call(as: SignedIn | undefined, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return callApi(this.baseUrl, as, method, path, body, { headers, timeoutMs: 15_000 });
  }
}

/** Seconds until every order placed so far is PAID (reads retried while the database is away). */
async function secondsUntilPaid(run: Run, orders: Knex): Promise<number> {
  const started = performance.now();
  const ids = run.placed.map((p) => p.orderId);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const unpaid = await orders('orders')
      .whereIn('id', ids)
      .whereNot('status', 'PAID')
      .count<{ n: number }[]>('* as n')
      .then(([row]) => row.n, () => Number.NaN);
    if (unpaid === 0) return (performance.now() - started) / 1000;
    await sleep(250);
  }
  return Number.POSITIVE_INFINITY;
}

async function main(): Promise<void> {
  const env = benchEnvironment('chaos');
  const smtp = await SmtpTestServer.start();
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...env, PORT: String(port), MIGRATE_ON_START: 'false', SMTP_URL: smtp.url, RELAY_LOCK_RETRY_MS: '1000' };
  const config = loadConfig(childEnv);
  await prepareRun(config);
  const run = new Run(`http://127.0.0.1:${port}`, config.database.url, childEnv, smtp);
  const db = (schema: string) => createModuleDatabase({ url: config.database.url, schema, poolMax: 4 });
  const [users, orders, payments] = [db('users'), db('orders'), db('payments')];
  run.api = run.startApi();
  run.relays = [run.startRelay(), run.startRelay()];
  const drained: number[] = [];
  try {
    await untilReady(run.baseUrl);
    await run.prepare(await signIn({ db: () => users, config, baseUrl: run.baseUrl } as never, 'admin'), orders);
    console.log(`chaos: ${RATE} orders/s, each paid at once; ${faults.length} faults in turn`);
    const work: Array<Promise<void>> = [];
    for (const [index, fault] of faults.entries()) {
      run.phase = index;
      let endPhase!: () => void;
      const loading = run.load(new Promise<void>((resolve) => (endPhase = resolve)), work);
      await sleep(STEADY_MS);
      console.log(`-- ${fault.name}`);
      await fault.inject(run);
      drained.push(await secondsUntilPaid(run, orders));
      console.log(`   ended; backlog drained after ${drained[index].toFixed(1)} s`);
      endPhase();
      await loading;
    }
    await Promise.all(work);
    await secondsUntilPaid(run, orders);
    await sleep(5000); // the last confirmation emails
    const ok = await report(run, orders, payments, smtp, drained);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await Promise.all([run.api, ...run.relays].map((p) => p.stop()));
    await Promise.all([users, orders, payments].map((d) => d.destroy()));
    await smtp.stop();
  }
}

async function report(run: Run, orders: Knex, payments: Knex, smtp: SmtpTestServer, drained: number[]): Promise<boolean> {
  const ids = run.placed.map((p) => p.orderId);
  const paid = new Set((await orders('orders').whereIn('id', ids).where('status', 'PAID').select('id')).map((r: { id: string }) => r.id));
  const charges = new Map<string, number>();
  for (const row of await payments('payments')
    .whereIn('order_id', ids)
    .whereIn('status', ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'])
    .select('order_id')) {
    charges.set(row.order_id, (charges.get(row.order_id) ?? 0) + 1);
  }
  const emails = new Map<string, number>();
  for (const mail of smtp.messages.filter((m) => / confirmed$/.test(m.subject))) {
    const id = /Order id: ([0-9a-f-]{36})/.exec(mail.text)?.[1];
    if (id) emails.set(id, (emails.get(id) ?? 0) + 1);
  }
  const rows = faults.map((fault, phase) => {
    const placed = run.placed.filter((p) => p.phase === phase).map((p) => p.orderId);
    return {
      fault: fault.name,
      placed: placed.length,
      PAID: placed.filter((id) => paid.has(id)).length,
      'payments ≠ 1': placed.filter((id) => charges.get(id) !== 1).length,
      'emails ≠ 1': placed.filter((id) => emails.get(id) !== 1).length,
      'drained after (s)': Number(drained[phase].toFixed(1)),
    };
  });
  console.table(rows);
  const lost = rows.reduce((n, r) => n + r.placed - r.PAID, 0);
  const doubled = rows.reduce((n, r) => n + r['payments ≠ 1'] + r['emails ≠ 1'], 0);
  console.log(lost === 0 && doubled === 0 ? 'every order PAID, one payment and one confirmation email each' : `LOST ${lost}, DOUBLED OR MISSING ${doubled}`);
  return lost === 0 && doubled === 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
