import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../src/project-root';
import { useLocalKafkaCredentials } from '../../test/kafka-operator';
import { localPostgresUrl, requireDatabaseUrl, useLocalRuntimeRoles } from '../../test/local-postgres';
export { freePort } from '../../test/free-port';

/** A bench's own database, topics and consumer groups on the local infrastructure (`npm run infra:up`). */
export function benchEnvironment(name: string): NodeJS.ProcessEnv {
  const runId = `${name}${Date.now().toString(36)}`;
  process.env.DATABASE_URL ??= localPostgresUrl(`mart_${runId}`);
  requireDatabaseUrl();
  useLocalRuntimeRoles();
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.WEBHOOK_SECRETS_KEY ??= randomBytes(32).toString('base64');
  process.env.PERSONAL_DATA_KEY ??= randomBytes(32).toString('base64');
  useLocalKafkaCredentials();
  process.env.KAFKA_TOPIC_PREFIX ??= `${runId}.`;
  process.env.KAFKA_CONSUMER_GROUP_PREFIX ??= runId;
  process.env.LOG_LEVEL ??= 'warn';
  // One load generator stands for the addresses of many shoppers; every other limit keeps its default, and the
  // benchmarks use enough customers that none of them places more than a shopper would.
  process.env.REGISTRATION_MAX_PER_IP ??= '1000000';
  process.env.METRICS_PORT ??= '0';
  process.env.RELAY_METRICS_PORT ??= '0';
  return process.env;
}


export interface MartProcess {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the built `host/main.ts` or `relay/main.ts` (`dist/…/main.js`, `npm run build`) as its own process, as
 * `npm run up` and the container do, so its CPU and memory are its own and include no TypeScript loader.
 * With BENCH_CPU_PROF_DIR set, each writes a V8 CPU profile there when it stops (`<name>.cpuprofile`).
 */
export function startMartProcess(name: string, entry: string, env: NodeJS.ProcessEnv): MartProcess {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const built = join(projectRoot(), 'dist', entry.replace(/\.ts$/, '.js'));
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  const child: ChildProcess = spawn(process.execPath, [...profile, built], {
    cwd: projectRoot(),
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    name,
    pid: child.pid!,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(15_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

export async function untilReady(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${baseUrl}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`${baseUrl} was not ready within ${timeoutMs} ms`);
}

/** The local infrastructure's processes, for CPU readings: Postgres (postmaster and its backends) and Kafka. */
export function infrastructurePids(): { postgres?: number; postgresB?: number; kafka?: number } {
  const read = (path: string) => {
    try {
      return Number(readFileSync(join(projectRoot(), path), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  return {
    postgres: read('.cache/infra/postgres/data/postmaster.pid'),
    postgresB: read('.cache/infra/postgres-b/data/postmaster.pid'),
    kafka: read('.cache/infra/run/kafka.pid'),
  };
}
