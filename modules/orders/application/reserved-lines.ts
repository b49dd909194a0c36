import type { mart } from '../../../proto/streams';
import { fieldsOf } from '../../../src/messaging/event-fields';
import type { LineAllocation } from '../domain/fulfilment/fulfilment';

/** Where a reservation holds each line's units, as StockReserved and StockAllocationMoved tell it. */
export function allocationsOf(payload: { lines?: mart.inventory.v1.IReservedLine[] | null }): Array<{ variantId: string; allocations: LineAllocation[] }> {
  return fieldsOf(payload).list('lines', (line) => ({
    // Reservations from before variants name the product, whose default variant has the product's id.
    variantId: line.optionalUuid('variantId') ?? line.uuid('productId'),
    allocations: line.list('allocations', (a) => ({ locationId: a.uuid('locationId'), quantity: a.count('quantity') })),
  }));
}
