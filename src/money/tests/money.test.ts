import fc from 'fast-check';
import { allocate, basisPointsOf, includedAt, isAmountMinor, MAX_AMOUNT_MINOR, MoneyOverflowError, percentOf, sumMinor, timesQuantity } from '../money';

const amount = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
const weights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0));

describe('an allocation by largest remainder', () => {
  it('adds up to the amount exactly, for any amount and weights', () => {
    fc.assert(fc.property(amount, weights, (total, parts) => sumMinor(allocate(total, parts)) === total));
  });

  it('gives every part its floor share or one minor unit more, and nothing to a part that weighs nothing', () => {
    fc.assert(
      fc.property(amount, weights, (total, parts) => {
        const sumOfWeights = parts.reduce((sum, w) => sum + BigInt(w), 0n);
        return allocate(total, parts).every((share, i) => {
          const floor = (BigInt(total) * BigInt(parts[i])) / sumOfWeights;
          return parts[i] === 0 ? share === 0 : BigInt(share) === floor || BigInt(share) === floor + 1n;
        });
      }),
    );
  });

  it('hands the minor units left to the largest remainders, the earlier part on a tie', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocate(5, [1, 2])).toEqual([2, 3]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it('refuses an amount over parts that all weigh nothing, and amounts that are not whole minor units', () => {
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(10, [-1, 2])).toThrow(RangeError);
  });
});

describe('a percentage of an amount', () => {
  it('rounds half up to a whole minor unit', () => {
    expect(percentOf(1999, 10)).toBe(200);
    expect(percentOf(1995, 10)).toBe(200);
    expect(percentOf(1994, 10)).toBe(199);
    expect(percentOf(5, 10)).toBe(1);
    expect(percentOf(4, 10)).toBe(0);
  });

  it('is exact where a float product would not be, and never exceeds the amount', () => {
    expect(percentOf(MAX_AMOUNT_MINOR, 100)).toBe(MAX_AMOUNT_MINOR);
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 100 }), (total, percent) => {
        const share = percentOf(total, percent);
        const error = BigInt(share) * 100n - BigInt(total) * BigInt(percent);
        return isAmountMinor(share) && share <= total && error > -50n && error <= 50n;
      }),
    );
  });
});

describe('sums and products of amounts', () => {
  it('stay exact or refuse', () => {
    expect(sumMinor([199, 250, 1])).toBe(450);
    expect(timesQuantity(199, 3)).toBe(597);
    expect(() => sumMinor([MAX_AMOUNT_MINOR, 1])).toThrow(MoneyOverflowError);
    expect(() => timesQuantity(MAX_AMOUNT_MINOR, 2)).toThrow(MoneyOverflowError);
  });
});

describe('tax at a rate in basis points', () => {
  const rate = fc.integer({ min: 0, max: 10_000 });
  const gross = fc.integer({ min: 0, max: 1_000_000_000_000 });

  it('adds a rate rounded half up, within half a minor unit of the exact value', () => {
    expect(basisPointsOf(945, 1900)).toBe(180);
    expect(basisPointsOf(50, 1000)).toBe(5);
    expect(basisPointsOf(5, 1000)).toBe(1); // 0.5 rounds up
    fc.assert(fc.property(gross, rate, (amount, bp) => Math.abs(basisPointsOf(amount, bp) - (amount * bp) / 10_000) <= 0.5 + 1e-6 * Math.max(1, amount / 1e9)));
  });

  it('finds the tax a gross amount includes so that net and tax add up to it', () => {
    expect(includedAt(119, 1900)).toBe(19);
    expect(includedAt(1000, 700)).toBe(65); // 1000 / 1.07 = 934.58 → net 935
    fc.assert(
      fc.property(gross, rate, (amount, bp) => {
        const tax = includedAt(amount, bp);
        return tax >= 0 && tax <= amount && Math.abs(tax - (amount - amount / (1 + bp / 10_000))) <= 0.5 + 1e-6 * Math.max(1, amount / 1e9);
      }),
    );
  });
});
