import { randomBytes } from 'node:crypto';
import type { EventStream } from '../proto/streams';
import { AccessTokens } from '../src/auth/access-tokens';
import type { Config } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { Outages } from '../src/health/outages';
import type { Logger } from '../src/logging/logger';
import type { EventArchive } from '../src/messaging/event-archive';
import { handlersByGroup } from '../src/messaging/consumer-groups';
import type { EventHandler } from '../src/messaging/event-handler';
import { moduleNames, type ModuleName } from '../src/module-names';
import { moduleFactories } from './module-catalog';

/**
 * Every module's event handlers, whichever modules this process serves, learnt by building the modules (no
 * connection is opened): what the broker's ACLs grant each module's principal, and what the AsyncAPI document says
 * each consumer group reads.
 */
export async function describeModules(config: Config, logger: Logger): Promise<Array<{ name: ModuleName; handlers: readonly EventHandler[] }>> {
  const accessTokens = new AccessTokens(randomBytes(32).toString('hex'), 60);
  const outages = new Outages(logger);
  // Never queried: modules only keep it for the work they are never started to do here.
  const db = createModuleDatabase({ url: config.database.url, schema: 'public', poolMax: 1 });
  const eventArchive: EventArchive = {
    read: () => Promise.reject(new Error('a module built to be described reads no events')),
  };
  // Built with every module setting at its default: which events a module handles does not depend on them, and a
  // process must not read (or refuse) the settings of modules it does not serve.
  // Silent too: their warnings about unset settings speak of the defaults they were built with, not of this process.
  const described: Config = { ...config, env: 'development', environment: {} };
  const quiet = logger.child({}, { level: 'silent' });
  try {
    return moduleNames.map((name) => ({ name, handlers: moduleFactories[name]({ config: described, logger: quiet, db, accessTokens, outages, eventArchive, apiUrl: () => 'http://127.0.0.1' }).handlers }));
  } finally {
    await db.destroy();
  }
}

/** The streams each module's handlers read. */
export async function moduleSubscriptions(config: Config, logger: Logger): Promise<Map<ModuleName, EventStream[]>> {
  const modules = await describeModules(config, logger);
  return new Map(modules.map(({ name, handlers }) => [name, [...new Set(handlers.map((handler) => handler.stream))]]));
}

/** Every consumer group of the deployment: each module's own and its side groups (consumer-groups.ts). */
export async function consumerGroups(config: Config, logger: Logger): Promise<string[]> {
  const modules = await describeModules(config, logger);
  return modules.flatMap(({ name, handlers }) => handlersByGroup(config.kafka.consumerGroupPrefix, name, handlers).map((group) => group.groupId));
}
