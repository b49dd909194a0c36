import '../src/require-pinned-node';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { onShutdownSignal } from '../src/shutdown';
import { startRelay } from './relay';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const logger = createLogger({ level: config.logLevel, name: 'mart-relay', pretty: config.logFormat === 'pretty' });
  const relay = await startRelay(config, logger);
  onShutdownSignal(logger, () => relay.stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
