import type { Knex } from 'knex';
import type { EventCause } from '../../../src/messaging/event-cause';
import type { KeyedRefusal } from '../../../src/messaging/refuse-by-key';
import type { AllocationMove, ShippedLine } from '../domain/fulfilment-stock';
import { findLocations } from '../infrastructure/stock-location.repository';
import { StockBook } from './stock-book';

export interface FulfilmentMoves {
  orderId: string;
  fulfilmentId: string;
  locationId: string;
  moves: AllocationMove[];
  cause: EventCause;
}

/** Fulfilments that need their units held elsewhere: each moves them, or is refused (see StockBook.moveAllocation). */
export async function moveAllocations(trx: Knex.Transaction, fulfilments: readonly FulfilmentMoves[]): Promise<void> {
  const book = await StockBook.open(trx, fulfilments.map((f) => f.orderId), fulfilments.flatMap((f) => f.moves.map((m) => m.variantId)));
  for (const { orderId, fulfilmentId, locationId, moves, cause } of fulfilments) book.moveAllocation(orderId, fulfilmentId, locationId, moves, cause);
  await book.save(trx);
}

export interface Shipment {
  orderId: string;
  fulfilmentId: string;
  /** Undefined for a shipment of units reserved before reservations named locations. */
  locationId: string | undefined;
  lines: ShippedLine[];
  cause: EventCause;
}

/** Shipped units leave the shelf where they were held; returns the shipments that committed nothing, with why. */
export async function commitShipments(trx: Knex.Transaction, shipments: readonly Shipment[]): Promise<KeyedRefusal[]> {
  const book = await StockBook.open(trx, shipments.map((s) => s.orderId), shipments.flatMap((s) => s.lines.map((l) => l.variantId)));
  const untouched: KeyedRefusal[] = [];
  for (const { orderId, fulfilmentId, locationId, lines, cause } of shipments) {
    const why = book.commitShipment(orderId, fulfilmentId, locationId, lines, cause);
    if (why) untouched.push({ key: orderId, why });
  }
  await book.save(trx);
  return untouched;
}

export interface ReturnedUnits {
  orderId: string;
  restock: Array<{ variantId: string; locationId: string; quantity: number }>;
  cause: EventCause;
}

/** Units received back go on the shelf where the admin put them; returns those that could not, with why. */
export async function restockReturns(trx: Knex.Transaction, returns: readonly ReturnedUnits[]): Promise<KeyedRefusal[]> {
  const book = await StockBook.open(trx, [], returns.flatMap((r) => r.restock.map((u) => u.variantId)));
  const locations = await findLocations(trx, [...new Set(returns.flatMap((r) => r.restock.map((u) => u.locationId)))]);
  const untouched: KeyedRefusal[] = [];
  for (const { orderId, restock, cause } of returns) {
    const why = book.restock(orderId, restock, locations, cause);
    if (why) untouched.push({ key: orderId, why });
  }
  await book.save(trx);
  return untouched;
}
