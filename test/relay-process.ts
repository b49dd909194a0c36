import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { waitFor } from './wait-for';

const root = path.resolve(__dirname, '..');

/** The relay as its own OS process (as in production), so tests can SIGKILL it. */
export class RelayProcess {
  readonly output: string[] = [];

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
  }

  static start(env: Record<string, string> = {}): RelayProcess {
    // Node itself (with tsx as a loader), not the tsx wrapper, so that the pid is the relay's own.
    const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RelayProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }
}

/** The OS pid of the relay process holding a module outbox's advisory lock, if any. */
export async function outboxLockHolder(databaseUrl: string, module: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ application_name: string }>(
      `select a.application_name
         from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name like $1`,
      [`mart-relay:${module}:%`],
    );
    return rows[0] ? Number(rows[0].application_name.split(':')[2]) : undefined;
  } finally {
    await client.end();
  }
}

/** Waits until one of `candidates` holds the outbox (a just-killed relay's session may linger for a moment). */
export async function waitForLockHolder(
  databaseUrl: string,
  module: string,
  candidates: readonly RelayProcess[],
  timeoutMs = 20_000,
): Promise<RelayProcess> {
  let holder: number | undefined;
  try {
    return await waitFor(
      `one of the relays to hold the ${module} outbox`,
      async () => {
        holder = await outboxLockHolder(databaseUrl, module);
        return candidates.find((relay) => relay.pid === holder);
      },
      { timeoutMs, intervalMs: 50 },
    );
  } catch (error) {
    const outputs = candidates.map((c) => `--- relay ${c.pid}:\n${c.output.join('').slice(-2000)}`).join('\n');
    throw new Error(`${(error as Error).message}; holder is ${holder ?? 'nobody'}\n${outputs}`, { cause: error });
  }
}
