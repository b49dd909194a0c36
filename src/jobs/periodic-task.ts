import type { Dependency } from '../health/dependency-errors';
import type { Outages } from '../health/outages';
import type { Logger } from '../logging/logger';

export interface PeriodicTaskOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** A run that failed because a dependency is away is recorded there (logged once per outage), not as a task failure. */
  outages: Outages;
  /** Returns true when it stopped with more to do (a full batch), to be run again at once. */
  work: () => Promise<boolean | void>;
  runAtStart?: boolean;
}

/**
 * Background work of a module (sweeps, dispatch, reconciliation): runs `work` again `intervalMs` after the
 * previous run ended, never two runs at once. A failed run is logged and the schedule goes on (a run that
 * found Postgres away only tells `outages`); stop() waits for a run in progress.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private waitingFor?: Dependency;

  constructor(private readonly options: PeriodicTaskOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.runAtStart ? 0 : this.options.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.options.work().then(
        (more) => {
          if (this.waitingFor) this.options.outages.succeeded(this.waitingFor);
          this.waitingFor = undefined;
          this.schedule(more === true ? 0 : this.options.intervalMs);
        },
        (error: unknown) => {
          this.waitingFor = this.options.outages.failed(error);
          if (!this.waitingFor) this.options.logger.error({ err: error, task: this.options.name }, 'background task failed');
          this.schedule(this.options.intervalMs);
        },
      );
    }, delayMs);
  }
}
