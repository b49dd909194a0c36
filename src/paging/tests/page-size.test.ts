import { pageSize, pageSizeProblem } from '../page-size';

describe('the page size of a list request', () => {
  it('is 20 when not given, and what was asked from 1 to 100', () => {
    expect(pageSize(undefined)).toBe(20);
    for (const limit of [1, 37, 100]) {
      expect(pageSizeProblem(limit)).toBeUndefined();
      expect(pageSize(limit)).toBe(limit);
    }
  });

  it.each([0, -1, 101, 2.5, Number.NaN])('refuses %p, naming the field', (limit) => {
    expect(pageSizeProblem(limit)).toEqual({ field: 'limit', message: 'must be an integer from 1 to 100' });
  });
});
