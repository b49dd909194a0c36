import type { Router } from 'express';
import type { Knex } from 'knex';
import type { ModuleName } from './module-names';
import type { AccessGrants } from './auth/access-grants';
import type { AccessTokens } from './auth/access-tokens';
import type { Config } from './config/config';
import type { Outages } from './health/outages';
import type { Logger } from './logging/logger';
import type { EventArchive } from './messaging/event-archive';
import type { EventHandler } from './messaging/event-handler';
import type { BatchLocks } from './messaging/module-consumer';

/**
 * What the bootstrap hands each module: its own pool (search path = its schema) and shared plumbing. No Kafka
 * client: a module publishes only through its outbox and consumes only through the handlers it returns.
 */
export interface ModuleDependencies {
  config: Config;
  logger: Logger;
  db: Knex;
  accessTokens: AccessTokens;
  /** The process's record of unreachable dependencies, for background work that retries through an outage. */
  outages: Outages;
  /** Reads back by time the events of the topics the module subscribes to, as its own principal (webhook replay). */
  eventArchive: EventArchive;
  /** Where the deployment's API answers (MART_API_URL, or this process once it listens): for composing answers. */
  apiUrl: () => string;
}

/** A module's whole public face: HTTP controllers, event handlers, and optional background work. */
export interface MartModule {
  readonly name: ModuleName;
  readonly controllers: readonly object[];
  /** Registers the module's routes (its generated tsoa route table, api/generated/routes.ts) on the process's app. */
  readonly routes: (router: Router) => void;
  readonly handlers: readonly EventHandler[];
  /**
   * How many partitions its consumer handles side by side (default 1). More is safe only when every handler reads
   * one topic and locks only rows of the event's own aggregate: two batches then never wait on each other's rows.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Takes, at the start of a batch's transaction and in one global order, the row locks its events will need
   * (`BatchLocks`): batches of several partitions then never deadlock, even on rows shared across aggregates.
   */
  readonly lockBatch?: BatchLocks;
  /**
   * Whether a side group's handlers have anything to do now (the webhooks' fan-out: only while an endpoint is
   * enabled); its consumer runs only then. Without it, a side group always runs.
   */
  readonly sideGroupWanted?: (sideGroup: string) => Promise<boolean>;
  /** The users module's answer to whether an access token's grant still holds (exactly one module gives it). */
  readonly accessGrants?: AccessGrants;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type ModuleFactory = (dependencies: ModuleDependencies) => MartModule;
