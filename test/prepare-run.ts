import type { Config } from '../src/config/config';
import { provisionEventAccess, withdrawEventAccess } from '../host/event-access';
import { migrateAll } from '../src/db/migrate';
import { createLogger } from '../src/logging/logger';
import { operatorCredentials } from '../src/messaging/kafka-principals';

const logger = createLogger({ level: 'error', name: 'prepare-run' });

/** A run's database schemas, and its topics with the ACLs each principal needs (as `npm run up` prepares them). */
export async function prepareRun(config: Config): Promise<void> {
  await migrateAll(config);
  await provisionEventAccess(config, operatorCredentials(), logger);
}

/** Takes back the run's ACLs (its topics stay on the local broker, like its consumer groups). */
export async function endRun(config: Config): Promise<void> {
  await withdrawEventAccess(config, operatorCredentials(), logger);
}
