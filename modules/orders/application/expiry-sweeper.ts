import type { Knex } from 'knex';
import type { Logger } from '../../../src/logging/logger';
import { expireOverdueOrders } from './expire-overdue-orders';

/** Runs expireOverdueOrders every interval until stopped; stop() waits for a sweep in progress. */
export class ExpirySweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly db: Knex,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => this.schedule());
    }, this.intervalMs);
  }

  private async sweep(): Promise<void> {
    try {
      const expired = await expireOverdueOrders(this.db);
      if (expired > 0) this.logger.info({ expired }, 'expired unpaid orders');
    } catch (error) {
      this.logger.error({ err: error }, 'order expiry sweep failed');
    }
  }
}
