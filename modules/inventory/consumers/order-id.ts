import { isUuid } from '../../../src/validation/uuid';
import { InventoryErrors } from '../domain/inventory.errors';

/** Reservations are keyed by order id; an event without a usable one can never succeed, so it is dead-lettered. */
export function orderIdOf(event: { orderId?: string | null }): string {
  const orderId = event.orderId ?? '';
  if (!isUuid(orderId)) throw InventoryErrors.malformedEvent(`order id "${orderId}"`);
  return orderId.toLowerCase();
}
