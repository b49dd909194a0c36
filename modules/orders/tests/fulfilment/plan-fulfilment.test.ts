import { DomainError } from '../../../../src/errors/domain-error';
import type { Fulfilment } from '../../domain/fulfilment/fulfilment';
import { fulfilmentStatusOf, progressOf } from '../../domain/fulfilment/order-progress';
import { planFulfilment, unfulfilledByLocation } from '../../domain/fulfilment/plan-fulfilment';
import type { Order } from '../../domain/order';

const SHIRT = 'aaaaaaaa-0000-4000-8000-000000000001';
const MUG = 'aaaaaaaa-0000-4000-8000-000000000002';
const BERLIN = 'bbbbbbbb-0000-4000-8000-000000000001';
const HAMBURG = 'bbbbbbbb-0000-4000-8000-000000000002';

const order: Pick<Order, 'id' | 'status' | 'lines'> = {
  id: 'o1',
  status: 'PAID',
  lines: [
    { productId: 'p1', variantId: SHIRT, sku: 'S', name: 'Shirt', options: [], quantity: 3, unitPriceCents: 1000, lineTotalCents: 3000, discountCents: 0, tax: null },
    { productId: 'p2', variantId: MUG, sku: 'M', name: 'Mug', options: [], quantity: 1, unitPriceCents: 500, lineTotalCents: 500, discountCents: 0, tax: null },
  ],
};

const fulfilment = (over: Partial<Fulfilment>): Fulfilment => ({
  id: 'f',
  orderId: 'o1',
  locationId: BERLIN,
  status: 'PENDING',
  stock: 'HELD',
  lines: [],
  moves: [],
  tracking: null,
  reason: null,
  createdBy: 'admin',
  createdAt: new Date(),
  shippedAt: null,
  deliveredAt: null,
  cancelledAt: null,
  ...over,
});

const allocations = new Map([
  [SHIRT, [{ locationId: BERLIN, quantity: 2 }, { locationId: HAMBURG, quantity: 1 }]],
  [MUG, [{ locationId: BERLIN, quantity: 1 }]],
]);

const conflictCode = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return 'no error';
};

describe('planning a fulfilment', () => {
  it('takes units held at the location without moving anything', () => {
    expect(planFulfilment(order, [], { locationId: BERLIN, lines: [{ variantId: SHIRT, quantity: 2 }] }, allocations, new Map())).toEqual({
      lines: [{ variantId: SHIRT, quantity: 2 }],
      moves: [],
    });
  });

  it('moves units held elsewhere when the location has them available, and refuses when it has not', () => {
    const plan = planFulfilment(order, [], { locationId: HAMBURG, lines: [{ variantId: SHIRT, quantity: 3 }] }, allocations, new Map([[SHIRT, 2]]));
    expect(plan.moves).toEqual([{ variantId: SHIRT, fromLocationId: BERLIN, quantity: 2 }]);
    expect(conflictCode(() => planFulfilment(order, [], { locationId: HAMBURG, lines: [{ variantId: SHIRT, quantity: 3 }] }, allocations, new Map([[SHIRT, 1]])))).toBe(
      'ORDERS.LOCATION_SHORT',
    );
  });

  it('counts units of pending fulfilments at a location as taken there', () => {
    const packing = fulfilment({ lines: [{ variantId: SHIRT, quantity: 2 }] });
    const plan = planFulfilment(order, [packing], { locationId: BERLIN, lines: [{ variantId: SHIRT, quantity: 1 }] }, allocations, new Map([[SHIRT, 5]]));
    expect(plan.moves).toEqual([{ variantId: SHIRT, fromLocationId: HAMBURG, quantity: 1 }]);
  });

  it('never fulfils more units than were ordered, and only of a paid order', () => {
    const earlier = fulfilment({ lines: [{ variantId: SHIRT, quantity: 3 }] });
    expect(conflictCode(() => planFulfilment(order, [earlier], { locationId: BERLIN, lines: [{ variantId: SHIRT, quantity: 1 }] }, allocations, new Map()))).toBe(
      'ORDERS.FULFILMENT_EXCEEDS_ORDER',
    );
    const cancelled = fulfilment({ status: 'CANCELLED', lines: [{ variantId: SHIRT, quantity: 3 }] });
    expect(planFulfilment(order, [cancelled], { locationId: BERLIN, lines: [{ variantId: SHIRT, quantity: 1 }] }, allocations, new Map()).lines).toHaveLength(1);
    expect(conflictCode(() => planFulfilment({ ...order, status: 'AWAITING_PAYMENT' }, [], { locationId: BERLIN, lines: [{ variantId: MUG, quantity: 1 }] }, allocations, new Map()))).toBe(
      'ORDERS.NOT_FULFILLABLE',
    );
  });

  it('packs the rest of an order where it is held: one group per location', () => {
    expect(unfulfilledByLocation(order, [], allocations)).toEqual([
      { locationId: BERLIN, lines: [{ variantId: SHIRT, quantity: 2 }, { variantId: MUG, quantity: 1 }] },
      { locationId: HAMBURG, lines: [{ variantId: SHIRT, quantity: 1 }] },
    ]);
    expect(unfulfilledByLocation(order, [], new Map())).toEqual([{ locationId: null, lines: [{ variantId: SHIRT, quantity: 3 }, { variantId: MUG, quantity: 1 }] }]);
  });
});

describe('the status fulfilments give an order', () => {
  it('is PAID until a unit ships, PARTIALLY_SHIPPED until all have, SHIPPED until all are delivered', () => {
    const status = (...fulfilments: Fulfilment[]) => fulfilmentStatusOf(progressOf(order, fulfilments));
    const two = fulfilment({ status: 'SHIPPED', lines: [{ variantId: SHIRT, quantity: 2 }] });
    const rest = fulfilment({ status: 'PENDING', lines: [{ variantId: SHIRT, quantity: 1 }, { variantId: MUG, quantity: 1 }] });
    expect(status(fulfilment({ lines: [{ variantId: SHIRT, quantity: 3 }] }))).toBe('PAID');
    expect(status(two, rest)).toBe('PARTIALLY_SHIPPED');
    expect(status(two, { ...rest, status: 'SHIPPED' })).toBe('SHIPPED');
    expect(status({ ...two, status: 'DELIVERED' }, { ...rest, status: 'SHIPPED' })).toBe('SHIPPED');
    expect(status({ ...two, status: 'DELIVERED' }, { ...rest, status: 'DELIVERED' })).toBe('DELIVERED');
  });
});
