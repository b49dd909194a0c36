import type { Outages } from '../health/outages';
import { PeriodicTask } from '../jobs/periodic-task';
import type { Logger } from '../logging/logger';
import type { ModuleConsumer } from './module-consumer';

/**
 * A side group's consumer that runs only while its handlers have something to do (`wanted`, asked every
 * `checkEveryMs`): the webhooks' fan-out reads every topic, and with no endpoint enabled costs nothing. Started
 * again, it goes on from its group's committed offsets, so what it is for sees every event since it stopped.
 */
export class OnDemandConsumer {
  private consumer: ModuleConsumer | undefined;
  private readonly task: PeriodicTask;

  constructor(options: { name: string; create: () => ModuleConsumer; wanted: () => Promise<boolean>; checkEveryMs: number; logger: Logger; outages: Outages }) {
    this.task = new PeriodicTask({
      name: `${options.name} on demand`,
      intervalMs: options.checkEveryMs,
      logger: options.logger,
      outages: options.outages,
      runAtStart: true,
      work: async () => {
        const wanted = await options.wanted();
        if (wanted && !this.consumer) {
          const consumer = options.create();
          await consumer.start();
          this.consumer = consumer;
        } else if (!wanted && this.consumer) {
          const consumer = this.consumer;
          this.consumer = undefined;
          await consumer.stop();
        }
      },
    });
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
    await this.consumer?.stop();
    this.consumer = undefined;
  }
}
