import { MergingQueue } from '../merging-queue';

describe('MergingQueue', () => {
  it('merges what is added while a batch runs into the next batch, and answers each item', async () => {
    const batches: number[][] = [];
    const queue = new MergingQueue<number, number>(async (items) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return items.map((n) => n * 2);
    });
    const first = queue.add(1);
    const rest = [2, 3, 4].map((n) => queue.add(n));
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('handles the items of a failed batch one at a time, so only the bad one fails', async () => {
    const queue = new MergingQueue<number, number>(async (items) => {
      if (items.includes(3)) throw new Error(`cannot take ${items.join(',')}`);
      return items;
    });
    const blocker = queue.add(0);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => queue.add(n)));
    await blocker;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('cannot take 3');
  });

  it('caps a batch at its maximum size', async () => {
    const sizes: number[] = [];
    const queue = new MergingQueue<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => queue.add(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});
