import '../src/require-pinned-node';
import { startApi } from './api';
import { loadConfig } from '../src/config/config';
import { migrateAll } from '../src/db/migrate';
import { createLogger } from '../src/logging/logger';
import { onShutdownSignal } from '../src/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'mart-api', pretty: config.logFormat === 'pretty' });
  if (process.env.MIGRATE_ON_START !== 'false') {
    await migrateAll(config, (line) => logger.info(`migrate ${line}`));
  }
  const api = await startApi(config, logger);
  onShutdownSignal(logger, () => api.stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
