import { randomUUID } from 'node:crypto';
import { decideReservation, mergeOrderLines } from '../domain/reservation';
import { movementFor, type OrderOutcome, type ReservationStatus } from '../domain/reservation-status';

describe('deciding a reservation', () => {
  const [a, b] = [randomUUID(), randomUUID()].sort();

  it('reserves every line when all are available', () => {
    const stock = new Map([
      [a, { onHand: 5, reserved: 3 }],
      [b, { onHand: 1, reserved: 0 }],
    ]);
    expect(decideReservation([{ variantId: b, quantity: 1 }, { variantId: a, quantity: 2 }], stock)).toEqual({
      outcome: 'reserve',
      lines: [
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 1 },
      ],
    });
  });

  it('reserves nothing when any line is short, naming the short lines', () => {
    const stock = new Map([
      [a, { onHand: 5, reserved: 0 }],
      [b, { onHand: 3, reserved: 2 }],
    ]);
    expect(decideReservation([{ variantId: a, quantity: 5 }, { variantId: b, quantity: 2 }], stock)).toEqual({
      outcome: 'fail',
      reason: 'insufficient_stock',
      shortLines: [{ variantId: b, requested: 2, available: 1 }],
    });
  });

  it('adds up lines of the same product before checking availability', () => {
    const stock = new Map([[a, { onHand: 3, reserved: 0 }]]);
    const decision = decideReservation([{ variantId: a, quantity: 2 }, { variantId: a.toUpperCase(), quantity: 2 }], stock);
    expect(decision).toEqual({ outcome: 'fail', reason: 'insufficient_stock', shortLines: [{ variantId: a, requested: 4, available: 3 }] });
  });

  it('fails a line for a product it keeps no stock of', () => {
    expect(decideReservation([{ variantId: a, quantity: 1 }], new Map())).toEqual({
      outcome: 'fail',
      reason: 'unknown_product',
      shortLines: [{ variantId: a, requested: 1, available: 0 }],
    });
  });

  it.each([
    ['no lines', []],
    ['a zero quantity', [{ variantId: a, quantity: 0 }]],
    ['a negative quantity', [{ variantId: a, quantity: -1 }]],
    ['a product id that is not a UUID', [{ variantId: 'apple', quantity: 1 }]],
  ])('refuses an order with %s', (_case, lines) => {
    expect(mergeOrderLines(lines)).toBeUndefined();
    expect(decideReservation(lines, new Map([[a, { onHand: 9, reserved: 0 }]]))).toEqual({
      outcome: 'fail',
      reason: 'invalid_order_lines',
      shortLines: [],
    });
  });
});

describe('what an order outcome does to its reservation', () => {
  const cases: [ReservationStatus, OrderOutcome, string][] = [
    ['RESERVED', 'paid', 'commit'],
    ['RESERVED', 'cancelled', 'release'],
    ['RESERVED', 'expired', 'release'],
    ['COMMITTED', 'cancelled', 'return'],
    ['COMMITTED', 'expired', 'none'],
    ['COMMITTED', 'paid', 'none'],
    ['FAILED', 'cancelled', 'none'],
    ['FAILED', 'paid', 'none'],
    ['RELEASED', 'cancelled', 'none'],
    ['RELEASED', 'paid', 'none'],
    ['RETURNED', 'cancelled', 'none'],
  ];
  it.each(cases)('%s + order %s → %s', (status, outcome, movement) => {
    expect(movementFor(status, outcome)).toBe(movement);
  });
});
