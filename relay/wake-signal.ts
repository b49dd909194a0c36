/**
 * Wakes a sleeping publisher when its outbox has news (a NOTIFY, a lost lease, stop). A wake that arrives
 * while the publisher is busy is remembered, so the next sleep returns at once instead of missing it.
 */
export class WakeSignal {
  private pending = false;
  private wakeSleeper?: () => void;

  /** Once `cancelled` aborts, no sleep waits any more. */
  constructor(private readonly cancelled: AbortSignal) {}

  wake(): void {
    this.pending = true;
    this.wakeSleeper?.();
  }

  /** Forgets a remembered wake: called when the publisher is about to look at the outbox anyway. */
  clear(): void {
    this.pending = false;
  }

  get isPending(): boolean {
    return this.pending;
  }

  /** Sleeps up to `ms`, or not at all when a wake is pending; true when a wake (not the time) ended it. */
  async sleep(ms: number): Promise<boolean> {
    if (this.cancelled.aborted) return false;
    if (this.pending) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
    this.wakeSleeper = undefined;
    return this.pending;
  }
}
