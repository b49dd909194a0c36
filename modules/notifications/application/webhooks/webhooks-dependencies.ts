import type { Knex } from 'knex';
import type { Outages } from '../../../../src/health/outages';
import type { Logger } from '../../../../src/logging/logger';
import type { EventArchive } from '../../../../src/messaging/event-archive';
import type { WebhookSettings } from '../notifications-settings';
import type { SealedSecrets } from '../../../../src/crypto/sealed-secrets';
import type { WebhookTransport } from './webhook-transport.port';

/** What the webhook use cases need: the module's database, the transport, the sealing key, the settings. */
export interface WebhooksDependencies {
  db: Knex;
  transport: WebhookTransport;
  sealed: SealedSecrets;
  settings: WebhookSettings;
  eventArchive: EventArchive;
  logger: Logger;
  outages: Outages;
}
