import { randomUUID } from 'node:crypto';
import { decideReservation, mergeOrderLines } from '../domain/reservation';
import { movementFor, type OrderOutcome, type ReservationStatus } from '../domain/reservation-status';
import type { LocationStock, StockItem } from '../domain/stock-item';

const HERE = 'a0000000-0000-4000-8000-000000000001';

/** A stock item with its levels (one location unless given), its totals their sums. */
function item(levels: Array<Partial<LocationStock> & { onHand: number; reserved: number }>, variantId = randomUUID()): StockItem {
  const full = levels.map((level, index) => ({ locationId: `${HERE.slice(0, -1)}${index + 1}`, code: `loc-${index + 1}`, priority: index, active: true, ...level }));
  return {
    variantId,
    productId: 'p0000000-0000-4000-8000-000000000000',
    sku: 'SKU',
    onHand: full.reduce((sum, l) => sum + l.onHand, 0),
    reserved: full.reduce((sum, l) => sum + l.reserved, 0),
    lowStockThreshold: 5,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    levels: full,
  };
}

const at = (index: number) => `${HERE.slice(0, -1)}${index}`;

describe('deciding a reservation', () => {
  const [a, b] = [randomUUID(), randomUUID()].sort();

  it('reserves every line when all are available', () => {
    const stock = new Map([
      [a, item([{ onHand: 5, reserved: 3 }])],
      [b, item([{ onHand: 1, reserved: 0 }])],
    ]);
    expect(decideReservation([{ variantId: b, quantity: 1 }, { variantId: a, quantity: 2 }], stock)).toMatchObject({
      outcome: 'reserve',
      lines: [
        { variantId: a, quantity: 2, allocations: [{ locationId: at(1), quantity: 2 }] },
        { variantId: b, quantity: 1, allocations: [{ locationId: at(1), quantity: 1 }] },
      ],
    });
  });

  it('reserves nothing when any line is short, naming the short lines', () => {
    const stock = new Map([
      [a, item([{ onHand: 5, reserved: 0 }])],
      [b, item([{ onHand: 3, reserved: 2 }])],
    ]);
    expect(decideReservation([{ variantId: a, quantity: 5 }, { variantId: b, quantity: 2 }], stock)).toEqual({
      outcome: 'fail',
      reason: 'insufficient_stock',
      shortLines: [{ variantId: b, requested: 2, available: 1 }],
    });
  });

  it('adds up lines of the same variant before checking availability', () => {
    const stock = new Map([[a, item([{ onHand: 3, reserved: 0 }])]]);
    const decision = decideReservation([{ variantId: a, quantity: 2 }, { variantId: a.toUpperCase(), quantity: 2 }], stock);
    expect(decision).toEqual({ outcome: 'fail', reason: 'insufficient_stock', shortLines: [{ variantId: a, requested: 4, available: 3 }] });
  });

  it('fails a line for a variant it keeps no stock of', () => {
    expect(decideReservation([{ variantId: a, quantity: 1 }], new Map())).toEqual({
      outcome: 'fail',
      reason: 'unknown_product',
      shortLines: [{ variantId: a, requested: 1, available: 0 }],
    });
  });

  it('takes a line from the first location by priority that has all of it', () => {
    const stock = new Map([[a, item([{ onHand: 2, reserved: 0, priority: 1 }, { onHand: 5, reserved: 0, priority: 2 }, { onHand: 9, reserved: 0, priority: 3 }])]]);
    expect(decideReservation([{ variantId: a, quantity: 4 }], stock)).toMatchObject({ outcome: 'reserve', lines: [{ allocations: [{ locationId: at(2), quantity: 4 }] }] });
  });

  it('splits a line over locations by priority when no single one has enough', () => {
    const stock = new Map([[a, item([{ onHand: 3, reserved: 1, priority: 5 }, { onHand: 2, reserved: 0, priority: 1 }, { onHand: 4, reserved: 0, priority: 9 }])]]);
    expect(decideReservation([{ variantId: a, quantity: 5 }], stock)).toMatchObject({
      outcome: 'reserve',
      lines: [{ quantity: 5, allocations: [{ locationId: at(2), quantity: 2 }, { locationId: at(1), quantity: 2 }, { locationId: at(3), quantity: 1 }] }],
    });
  });

  it('never allocates at an inactive location, and counts only active ones as available', () => {
    const stock = new Map([[a, item([{ onHand: 9, reserved: 0, active: false }, { onHand: 1, reserved: 0 }])]]);
    expect(decideReservation([{ variantId: a, quantity: 2 }], stock)).toEqual({
      outcome: 'fail',
      reason: 'insufficient_stock',
      shortLines: [{ variantId: a, requested: 2, available: 1 }],
    });
    expect(decideReservation([{ variantId: a, quantity: 1 }], stock)).toMatchObject({ lines: [{ allocations: [{ locationId: at(2), quantity: 1 }] }] });
  });

  it('allocations always add up to the line', () => {
    for (let run = 0; run < 200; run++) {
      const levels = Array.from({ length: 1 + (run % 4) }, (_, i) => ({ onHand: (run * (i + 3)) % 7, reserved: 0, priority: (run + i * 5) % 4, active: (run + i) % 5 !== 0 }));
      const quantity = 1 + (run % 9);
      const decision = decideReservation([{ variantId: a, quantity }], new Map([[a, item(levels)]]));
      if (decision.outcome === 'reserve') {
        const allocations = decision.lines[0].allocations;
        expect(allocations.reduce((sum, x) => sum + x.quantity, 0)).toBe(quantity);
        for (const allocation of allocations) {
          const level = item(levels).levels.find((l) => l.locationId === allocation.locationId)!;
          expect(level.active).toBe(true);
          expect(allocation.quantity).toBeLessThanOrEqual(level.onHand - level.reserved);
        }
      } else {
        const free = levels.filter((l) => l.active).reduce((sum, l) => sum + l.onHand, 0);
        expect(free).toBeLessThan(quantity);
      }
    }
  });

  it.each([
    ['no lines', []],
    ['a zero quantity', [{ variantId: a, quantity: 0 }]],
    ['a negative quantity', [{ variantId: a, quantity: -1 }]],
    ['a variant id that is not a UUID', [{ variantId: 'apple', quantity: 1 }]],
  ])('refuses an order with %s', (_case, lines) => {
    expect(mergeOrderLines(lines)).toBeUndefined();
    expect(decideReservation(lines, new Map([[a, item([{ onHand: 9, reserved: 0 }])]]))).toEqual({
      outcome: 'fail',
      reason: 'invalid_order_lines',
      shortLines: [],
    });
  });
});

describe('what an order outcome does to its reservation', () => {
  const cases: [ReservationStatus, OrderOutcome, string][] = [
    ['RESERVED', 'cancelled', 'release'],
    ['RESERVED', 'expired', 'release'],
    ['COMMITTED', 'cancelled', 'return'],
    ['COMMITTED', 'expired', 'none'],
    ['FAILED', 'cancelled', 'none'],
    ['RELEASED', 'cancelled', 'none'],
    ['RETURNED', 'cancelled', 'none'],
  ];
  it.each(cases)('%s + order %s → %s', (status, outcome, movement) => {
    expect(movementFor(status, outcome)).toBe(movement);
  });
});
