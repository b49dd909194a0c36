import type { Logger } from '../logging/logger';
import { reasonOf, unavailableDependency, type Dependency } from './dependency-errors';

/**
 * What this process has found unreachable. An outage is logged once when it begins and once when it ends,
 * however many pools, consumers and tasks retry through it, instead of a stack trace per retry.
 */
export class Outages {
  private readonly downSince = new Map<Dependency, number>();

  constructor(private readonly logger: Logger) {}

  /**
   * The dependency a failure says is unreachable (recorded, and logged if it is news), or undefined when the
   * failure is something else and the caller handles it as before.
   */
  failed(error: unknown): Dependency | undefined {
    const dependency = unavailableDependency(error);
    if (dependency && !this.downSince.has(dependency)) {
      this.downSince.set(dependency, Date.now());
      this.logger.warn({ dependency, reason: reasonOf(error) }, `${dependency} is unavailable; work that needs it pauses and retries until it returns`);
    }
    return dependency;
  }

  /** Work that needed `dependency` succeeded: logs its return if it was down. */
  succeeded(dependency: Dependency): void {
    const since = this.downSince.get(dependency);
    if (since === undefined) return;
    this.downSince.delete(dependency);
    this.logger.info({ dependency, downForMs: Date.now() - since }, `${dependency} is back`);
  }

  isDown(dependency: Dependency): boolean {
    return this.downSince.has(dependency);
  }
}

/** Delays for retrying through an outage: doubling from `firstMs` up to `maxMs`, restarting after a success. */
export class Backoff {
  private next: number;

  constructor(
    private readonly firstMs = 500,
    private readonly maxMs = 5_000,
  ) {
    this.next = firstMs;
  }

  delay(): number {
    const current = this.next;
    this.next = Math.min(this.next * 2, this.maxMs);
    return current;
  }

  reset(): void {
    this.next = this.firstMs;
  }
}
