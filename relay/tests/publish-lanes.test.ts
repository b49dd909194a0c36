import { randomUUID } from 'node:crypto';
import { laneOf, splitIntoLanes } from '../publish-lanes';

describe('publish lanes', () => {
  it('puts every event of an aggregate in the same lane, in outbox order', () => {
    const aggregates = Array.from({ length: 50 }, () => randomUUID());
    const rows = Array.from({ length: 1000 }, (_, id) => ({ id, message_key: aggregates[id % aggregates.length] }));

    const lanes = splitIntoLanes(rows, 3);

    for (const key of aggregates) {
      const holding = lanes.filter((lane) => lane.some((row) => row.message_key === key));
      expect(holding).toHaveLength(1);
      const ids = holding[0].filter((row) => row.message_key === key).map((row) => row.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(lanes.flat()).toHaveLength(rows.length);
  });

  it('is stable: the same key gets the same lane every time', () => {
    expect(laneOf('6f1c2a52-8d0e-4b7a-9a43-2f3c1d5e7b90', 3)).toBe(laneOf('6f1c2a52-8d0e-4b7a-9a43-2f3c1d5e7b90', 3));
  });

  it('spreads random aggregate ids roughly evenly', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) counts[laneOf(randomUUID(), 3)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(9_000);
  });

  it('with one lane, keeps everything together', () => {
    const rows = [{ message_key: 'a' }, { message_key: 'b' }];
    expect(splitIntoLanes(rows, 1)).toEqual([rows]);
  });
});
