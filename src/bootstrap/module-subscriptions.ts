import { randomBytes } from 'node:crypto';
import type { EventStream } from '../../proto/streams';
import { AccessTokens } from '../auth/access-tokens';
import type { Config } from '../config/config';
import { createModuleDatabase } from '../db/database';
import { Outages } from '../health/outages';
import type { Logger } from '../logging/logger';
import { moduleNames, type ModuleName } from '../module-names';
import { moduleFactories } from './module-catalog';

/**
 * The streams each module's handlers read, learnt by building the modules (no connection is opened): what the
 * broker's ACLs grant each module's principal.
 */
export async function moduleSubscriptions(config: Config, logger: Logger): Promise<Map<ModuleName, EventStream[]>> {
  const subscriptions = new Map<ModuleName, EventStream[]>();
  const accessTokens = new AccessTokens(randomBytes(32).toString('hex'), 60);
  const outages = new Outages(logger);
  // Never queried: modules only keep it for the work they are never started to do here.
  const db = createModuleDatabase({ url: config.database.url, schema: 'public', poolMax: 1 });
  try {
    for (const name of moduleNames) {
      const module = moduleFactories[name]({ config, logger, db, accessTokens, outages });
      subscriptions.set(name, [...new Set(module.handlers.map((handler) => handler.stream))]);
    }
  } finally {
    await db.destroy();
  }
  return subscriptions;
}
