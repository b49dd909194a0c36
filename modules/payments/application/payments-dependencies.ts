import type { Knex } from 'knex';
import type { PaymentsSettings } from './payments-settings';
import type { Logger } from '../../../src/logging/logger';
import type { PaymentProvider } from './payment-provider.port';

/** What the payments use cases that talk to the card processor are given (index.ts builds it). */
export interface PaymentsDependencies {
  db: Knex;
  provider: PaymentProvider;
  config: PaymentsSettings;
  logger: Logger;
}
