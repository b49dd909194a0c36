import './require-pinned-node';
import { startApi } from './bootstrap/api';
import { loadConfig } from './config/config';
import { migrateAll } from './db/migrate';
import { createLogger } from './logging/logger';
import { onShutdownSignal } from './shutdown';

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
