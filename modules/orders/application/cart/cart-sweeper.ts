import type { Knex } from 'knex';
import type { OrdersSettings } from '../orders-settings';
import type { Outages } from '../../../../src/health/outages';
import { PeriodicTask } from '../../../../src/jobs/periodic-task';
import type { Logger } from '../../../../src/logging/logger';
import { deleteCartsUntouchedSince } from '../../infrastructure/cart/cart.repository';
import { announceAbandonedCarts } from './announce-abandoned-carts';

/** Announces abandoned carts and deletes carts past their retention, every interval, in the background. */
export function createCartSweeper(db: Knex, settings: OrdersSettings, logger: Logger, outages: Outages): PeriodicTask {
  return new PeriodicTask({
    name: 'cart-sweeper',
    intervalMs: settings.cartSweepIntervalMs,
    logger,
    outages,
    work: async () => {
      const announced = await announceAbandonedCarts(db, settings.cartAbandonedAfterHours);
      const deleted = await deleteCartsUntouchedSince(db, new Date(Date.now() - settings.cartRetentionDays * 86_400_000));
      if (announced > 0 || deleted > 0) logger.info({ announced, deleted }, 'swept carts');
    },
  });
}
