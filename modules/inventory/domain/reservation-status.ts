/**
 * RESERVED → COMMITTED (paid) → RETURNED (paid order cancelled: stock goes back on the shelf)
 * RESERVED → RELEASED (cancelled or expired before payment)
 * FAILED is final. Any other event for a reservation is a no-op, so redelivered or late events change nothing.
 */
export type ReservationStatus = 'RESERVED' | 'FAILED' | 'RELEASED' | 'COMMITTED' | 'RETURNED';

export type OrderOutcome = 'paid' | 'cancelled' | 'expired';
export type StockMovement = 'commit' | 'release' | 'return' | 'none';

export function movementFor(status: ReservationStatus, outcome: OrderOutcome): StockMovement {
  switch (outcome) {
    case 'paid':
      return status === 'RESERVED' ? 'commit' : 'none';
    case 'expired':
      return status === 'RESERVED' ? 'release' : 'none';
    case 'cancelled':
      if (status === 'RESERVED') return 'release';
      if (status === 'COMMITTED') return 'return';
      return 'none';
  }
}
