/**
 * Acknowledged row ids waiting to be marked published. One mark runs at a time; whatever is acknowledged
 * meanwhile goes into the next one, so marks merge under load instead of queueing up one per batch.
 */
export class MarkQueue {
  private readonly waiting = new Set<number>();
  private queued: number[] = [];
  private running?: Promise<void>;

  constructor(private readonly mark: (ids: number[]) => Promise<void>) {}

  /** Ids acknowledged but not yet marked: they must not be read again. */
  get unmarked(): ReadonlySet<number> {
    return this.waiting;
  }

  add(ids: readonly number[]): void {
    for (const id of ids) this.waiting.add(id);
    this.queued.push(...ids);
    this.running ??= this.drain();
  }

  async settled(): Promise<void> {
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const ids = this.queued;
      this.queued = [];
      await this.mark(ids);
      for (const id of ids) this.waiting.delete(id);
    }
    this.running = undefined;
  }
}
