import { randomUUID } from 'node:crypto';
import type { AllocationMove, Fulfilment, ItemQuantity } from '../../domain/fulfilment/fulfilment';
import { eventItems } from './fulfilment-events';
import type { OrderFulfilments } from './order-fulfilments';

/**
 * Adds a pending fulfilment to the locked order, with FulfilmentCreated. Without a location: units reserved before
 * reservations named locations (inventory committed them at payment).
 */
export function addFulfilment(all: OrderFulfilments, plan: { locationId: string | null; lines: ItemQuantity[]; moves: AllocationMove[] }, actor: string): Fulfilment {
  const { order } = all;
  const fulfilment: Fulfilment = {
    id: randomUUID(),
    orderId: order.id,
    locationId: plan.locationId,
    status: 'PENDING',
    stock: plan.moves.length > 0 ? 'MOVING' : 'HELD',
    lines: plan.lines,
    moves: plan.moves,
    tracking: null,
    reason: null,
    createdBy: actor,
    createdAt: new Date(),
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
  };
  all.add(fulfilment, {
    event: 'fulfilmentCreated',
    payload: {
      fulfilmentId: fulfilment.id,
      orderId: order.id,
      customerId: order.customerId,
      locationId: plan.locationId ?? '',
      lines: eventItems(order, plan.lines),
      moves: plan.moves,
    },
  });
  return fulfilment;
}
