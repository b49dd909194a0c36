import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { caddyfile } from '../../scripts/gateway-config';
import { SPLIT_PARTS } from '../../scripts/split-deployment';
import { projectRoot } from '../../src/project-root';
import { freePort, startMartProcess, untilReady, type MartProcess } from './mart-processes';

export interface SplitProcesses {
  processes: MartProcess[];
  gateway: { pid: number };
  stop(): Promise<void>;
}

/** The split deployment's processes (built, as `npm run up -- --split` runs them) and Caddy in front on `port`. */
export async function startSplitProcesses(env: NodeJS.ProcessEnv, port: number): Promise<SplitProcesses> {
  const parts = await Promise.all(
    SPLIT_PARTS.map(async (part) => {
      const partPort = await freePort();
      const process = startMartProcess(`api-${part.name}`, 'host/main.ts', { ...env, MART_MODULES: part.modules.join(','), PORT: String(partPort), TRUST_PROXY: 'loopback' });
      return { process, modules: part.modules, url: `http://127.0.0.1:${partPort}` };
    }),
  );
  const dir = join(projectRoot(), '.cache', 'split', `bench-${port}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Caddyfile'), caddyfile(port, parts));
  const caddy = execFileSync('bash', [join(projectRoot(), 'scripts', 'caddy.sh')], { encoding: 'utf8' }).trim();
  const gateway: ChildProcess = spawn(caddy, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    stdio: 'ignore',
    env: { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  const stop = async () => {
    gateway.kill('SIGTERM');
    await Promise.all(parts.map((part) => part.process.stop()));
    await sleep(100);
  };
  try {
    for (const part of parts) await untilReady(part.url);
    return { processes: parts.map((part) => part.process), gateway: { pid: gateway.pid! }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
