import type { Knex } from 'knex';
import type { ModuleName } from '../src/module-names';
import { startRelay, type RunningRelay } from '../relay/relay';
import { startApi, type RunningApi } from '../host/api';
import { loadConfig, type Config } from '../src/config/config';
import { createLogger, type Logger } from '../src/logging/logger';
import { stopUpstream } from './upstream-event';
import './test-environment';

export interface TestStack {
  config: Config;
  logger: Logger;
  api: RunningApi;
  relay?: RunningRelay;
  /** e.g. http://127.0.0.1:43121 — use with fetch or supertest. */
  baseUrl: string;
  db(module: ModuleName): Knex;
  stop(): Promise<void>;
}

/**
 * The real API process (all modules, or those named, with their consumer groups) on a random port, plus the relay when asked,
 * against this run's database and topic prefix. Start it once per test file (beforeAll) and stop it after.
 */
export async function startTestStack(
  options: { relay?: boolean; consumers?: boolean; modules?: readonly ModuleName[]; env?: Record<string, string> } = {},
): Promise<TestStack> {
  const config = loadConfig({ ...process.env, PORT: '0', ...(options.modules ? { MART_MODULES: options.modules.join(',') } : {}), ...options.env });
  const logger = createLogger({ level: config.logLevel, name: 'test' });
  const api = await startApi({ ...config, port: 0 }, logger, { startConsumers: options.consumers ?? true });
  const relay = options.relay ? await startRelay(config, logger) : undefined;
  return {
    config,
    logger,
    api,
    relay,
    baseUrl: `http://127.0.0.1:${api.port}`,
    db: (module) => api.databases.get(module)!,
    stop: async () => {
      await stopUpstream({ config });
      const unfinished = [...((await relay?.stop()) ?? []), ...(await api.stop())];
      // Test logs are silent by default; a step that hangs on a slow machine should still be visible in CI.
      if (unfinished.length > 0) console.warn(`test stack: shutdown steps did not finish in time: ${unfinished.join(', ')}`);
    },
  };
}
