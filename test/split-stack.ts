import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import pg from 'pg';
import { startRelay, type RunningRelay } from '../relay/relay';
import { caddyfile } from '../scripts/gateway-config';
import { SPLIT_PARTS, splitDatabaseEnvironment } from '../scripts/split-deployment';
import { loadConfig, type Config } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { createLogger, type Logger } from '../src/logging/logger';
import type { ModuleName } from '../src/module-names';
import { projectRoot } from '../src/project-root';
import { prepareRun } from './prepare-run';
import './test-environment';
import { stopUpstream } from './upstream-event';
import { waitFor } from './wait-for';
import { freePort } from './free-port';

/** What tests and steps use of a running deployment, monolith (TestStack) or split. */
export interface DeployedStack {
  config: Config;
  logger: Logger;
  /** Where clients reach the API: the process itself, or the gateway in front of the split processes. */
  baseUrl: string;
  /** A module's own database, as its runtime role (for a module's public face that takes one, e.g. ensureAdmin). */
  db(module: ModuleName): Knex;
  stop(): Promise<void>;
}

/**
 * The split deployment (scripts/split-deployment.ts) for a test run: this run's three databases (the third on the
 * second local cluster, `infra.sh start postgres-b`), migrated; the relay; each part as its own process of
 * host/main.ts serving only its modules; and Caddy in front (`scripts/caddy.sh`), which is what clients see.
 */
export async function startSplitStack(options: { env?: Record<string, string> } = {}): Promise<DeployedStack> {
  const clusters = { a: process.env.MART_LOCAL_POSTGRES_URL, b: process.env.MART_LOCAL_POSTGRES_B_URL };
  if (!clusters.a || !clusters.b) throw new Error('the split deployment needs both local clusters: bash scripts/infra.sh start postgres-b, then eval "$(bash scripts/infra.sh env)"');
  const runId = process.env.MART_TEST_RUN_ID!;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...splitDatabaseEnvironment({ a: clusters.a, b: clusters.b }, `mart_test_${runId}`),
    // Behind the gateway on loopback: it says who the client is (X-Forwarded-For).
    TRUST_PROXY: 'loopback',
    MIGRATE_ON_START: 'false',
    METRICS_PORT: '0',
    ...options.env,
  };
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, name: 'split' });
  await prepareRun(config);
  const relay: RunningRelay = await startRelay(config, logger);

  const children: ChildProcess[] = [];
  const databases = new Map<ModuleName, Knex>();
  let gateway: ChildProcess | undefined;
  const stop = async () => {
    await stopUpstream({ config });
    gateway?.kill('SIGTERM');
    await Promise.all(children.map((child) => ended(child)));
    await relay.stop();
    await Promise.all([...databases.values()].map((db) => db.destroy()));
    // This run's databases go with it, as the monolith run's does (test/global-teardown.ts).
    for (const url of new Set(Object.values(config.database.ownerUrls))) await dropDatabase(url);
  };
  try {
    // Known before the parts start: a module composing others' answers (the personal-data export) calls it.
    const gatewayPort = await freePort();
    const parts = await Promise.all(
      SPLIT_PARTS.map(async (part) => {
        const port = await freePort();
        const child = spawn(process.execPath, ['--import', 'tsx', 'host/main.ts'], {
          cwd: projectRoot(),
          env: { ...env, MART_MODULES: part.modules.join(','), PORT: String(port), MART_API_URL: `http://127.0.0.1:${gatewayPort}` },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        children.push(child);
        await untilReady(`http://127.0.0.1:${port}`, child, part.name);
        return { modules: part.modules, url: `http://127.0.0.1:${port}` };
      }),
    );
    const dir = path.join(projectRoot(), '.cache', 'split', runId);
    mkdirSync(dir, { recursive: true });
    // The test client stands for clients behind a proxy of its own (X-Forwarded-For), as with the monolith.
    writeFileSync(path.join(dir, 'Caddyfile'), caddyfile(gatewayPort, parts, { trustedProxies: ['127.0.0.1/32', '::1/128'] }));
    gateway = spawn(caddyBinary(), ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    const baseUrl = `http://127.0.0.1:${gatewayPort}`;
    await untilReady(baseUrl, gateway, 'the gateway');
    return {
      config,
      logger,
      baseUrl,
      db: (module) => {
        let db = databases.get(module);
        if (!db) databases.set(module, (db = createModuleDatabase({ url: config.database.moduleUrls[module], schema: module, poolMax: 2 })));
        return db;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function dropDatabase(ownerUrl: string): Promise<void> {
  const url = new URL(ownerUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name.startsWith('mart_test_')) return;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

function caddyBinary(): string {
  return path.join(projectRoot(), '.cache', 'tools', 'caddy-v2.11.9', 'caddy');
}

async function untilReady(baseUrl: string, child: ChildProcess, name: string): Promise<void> {
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  await waitFor(`${name} to be ready at ${baseUrl}`, async () => {
    if (exited !== null) throw new Error(`${name} exited (${exited}) before it was ready`);
    return (await fetch(`${baseUrl}/health/ready`).then((r) => r.status, () => 0)) === 200;
  }, { timeoutMs: 120_000, intervalMs: 200 });
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(15_000).then(() => child.kill('SIGKILL'))]);
}

