/**
 * PENDING (being packed) → SHIPPED (left with a carrier) → DELIVERED; PENDING → CANCELLED.
 * Only shipped units count as shipped: a pending fulfilment holds its units for the order, nothing more.
 */
export type FulfilmentStatus = 'PENDING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

/**
 * Whether the fulfilment's units are reserved at its location: HELD; MOVING while inventory moves them there
 * from where they were reserved; REFUSED when inventory could not (the fulfilment is then cancelled).
 */
export type FulfilmentStock = 'HELD' | 'MOVING' | 'REFUSED';

/** Units of one order line, named by its variant. */
export interface ItemQuantity {
  variantId: string;
  quantity: number;
}

/** Units of a line reserved at one stock location. */
export interface LineAllocation {
  locationId: string;
  quantity: number;
}

/** Units of a line to be reserved at the fulfilment's location instead of `fromLocationId`. */
export interface AllocationMove {
  variantId: string;
  fromLocationId: string;
  quantity: number;
}

export interface Tracking {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

export interface Fulfilment {
  id: string;
  orderId: string;
  /** Null only for orders shipped as a whole before fulfilments existed. */
  locationId: string | null;
  status: FulfilmentStatus;
  stock: FulfilmentStock;
  lines: ItemQuantity[];
  moves: AllocationMove[];
  tracking: Tracking | null;
  /** Why it was cancelled. */
  reason: string | null;
  createdBy: string;
  createdAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
}

/** Whether the fulfilment still holds units of the order (not cancelled). */
export function counts(fulfilment: Pick<Fulfilment, 'status'>): boolean {
  return fulfilment.status !== 'CANCELLED';
}

export function hasShipped(fulfilment: Pick<Fulfilment, 'status'>): boolean {
  return fulfilment.status === 'SHIPPED' || fulfilment.status === 'DELIVERED';
}

export function quantityOf(lines: readonly ItemQuantity[], variantId: string): number {
  return lines.filter((line) => line.variantId === variantId).reduce((sum, line) => sum + line.quantity, 0);
}
