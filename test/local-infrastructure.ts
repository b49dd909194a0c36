import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const infraScript = path.resolve(__dirname, '..', 'scripts', 'infra.sh');
const run = promisify(execFile);

/**
 * Stops and starts a service of the project's local infrastructure (`scripts/infra.sh`), for fault tests and
 * chaos runs. `immediate` is a crash: PostgreSQL ends every session without a checkpoint, Kafka gets SIGKILL.
 */
export async function stopService(service: 'postgres' | 'kafka' | 'registry', options: { immediate?: boolean } = {}): Promise<void> {
  await infra(['stop', service, ...(options.immediate ? ['--immediate'] : [])]);
}

export async function startService(service: 'postgres' | 'kafka' | 'registry'): Promise<void> {
  await infra(['start', service]);
}

async function infra(args: string[]): Promise<void> {
  // The project's own cluster, whatever database the caller's DATABASE_URL names on it.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  try {
    await run('bash', [infraScript, ...args], { env, timeout: 180_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`infra.sh ${args.join(' ')} failed: ${stderr || stdout || String(error)}`, { cause: error });
  }
}
