/**
 * Work items handled in merged batches, one batch at a time: whatever is added while a batch runs goes into the
 * next one, so under load many items cost one call of `handle` (one transaction, say) instead of one each. Each
 * `add` resolves with its item's result. When a merged batch fails, its items are handled again one at a time, so
 * one bad item fails only its own `add`.
 */
export class MergingQueue<Item, Result> {
  private queued: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private running?: Promise<void>;

  constructor(
    private readonly handle: (items: Item[]) => Promise<Result[]>,
    private readonly maxBatch = 200,
  ) {}

  add(item: Item): Promise<Result> {
    const result = new Promise<Result>((resolve, reject) => this.queued.push({ item, resolve, reject }));
    this.running ??= this.drain();
    return result;
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, this.maxBatch);
      try {
        const results = await this.handle(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const entry of batch) await this.handle([entry.item]).then(([result]) => entry.resolve(result), entry.reject);
      }
    }
    this.running = undefined;
  }
}
