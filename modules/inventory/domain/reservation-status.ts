/**
 * RESERVED → COMMITTED (every unit shipped, one fulfilment at a time; before fulfilments, at payment)
 * RESERVED → RELEASED (the order cancelled or expired: what is still reserved is released)
 * COMMITTED at payment → RETURNED (a paid order from before fulfilments cancelled: stock goes back on the shelf)
 * FAILED is final. Any other event for a reservation is a no-op, so redelivered or late events change nothing.
 */
export type ReservationStatus = 'RESERVED' | 'FAILED' | 'RELEASED' | 'COMMITTED' | 'RETURNED';

export type OrderOutcome = 'cancelled' | 'expired';
export type StockMovement = 'release' | 'return' | 'none';

export function movementFor(status: ReservationStatus, outcome: OrderOutcome): StockMovement {
  switch (outcome) {
    case 'expired':
      return status === 'RESERVED' ? 'release' : 'none';
    case 'cancelled':
      if (status === 'RESERVED') return 'release';
      if (status === 'COMMITTED') return 'return';
      return 'none';
  }
}
