import type { Knex } from 'knex';
import type { Outages } from '../../../src/health/outages';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Logger } from '../../../src/logging/logger';
import { expireOverdueOrders } from './expire-overdue-orders';

/** Expires unpaid orders past their payment deadline, every interval, in the background. */
export function createExpirySweeper(db: Knex, intervalMs: number, logger: Logger, outages: Outages): PeriodicTask {
  return new PeriodicTask({
    name: 'order-expiry',
    intervalMs,
    logger,
    outages,
    work: async () => {
      const expired = await expireOverdueOrders(db);
      if (expired > 0) logger.info({ expired }, 'expired unpaid orders');
    },
  });
}
