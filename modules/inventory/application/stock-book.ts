import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ReservationStream, StockItemStream, type EventCase, type EventPayload, type mart } from '../../../proto/streams';
import type { EventCause } from '../../../src/messaging/event-cause';
import { recordEvents, type EventToRecord } from '../../../src/messaging/outbox';
import { decideReservation, mergeOrderLines, type AllocatedLine, type ReservationLine } from '../domain/reservation';
import { movementFor, type OrderOutcome } from '../domain/reservation-status';
import { moveAt, sellable, type LocationStock, type StockItem } from '../domain/stock-item';
import { allShipped, planMoves, planShipment, type AllocationMove, type ShippedLine } from '../domain/fulfilment-stock';
import type { StockLocation } from '../domain/stock-location';
import { lockReservations, saveReservations, type ReservationRow } from '../infrastructure/reservation.repository';
import { insertAdjustments, type NewAdjustment } from '../infrastructure/stock-adjustment.repository';
import { lockStockItems, saveStockLevels } from '../infrastructure/stock-item.repository';
import { stockLevelChanged } from './stock-events';

type ReservationEvent = mart.inventory.v1.ReservationEvent;
type StockItemEvent = mart.inventory.v1.StockItemEvent;

const RELEASE_REASONS: Record<OrderOutcome, string> = {
  cancelled: 'order_cancelled',
  expired: 'order_expired',
};

/**
 * The reservations and stock rows a batch of order events moves, locked and read up front, changed in memory one
 * order after another in the batch's order, and written by `save` in a fixed number of statements: the stock
 * totals and levels, new and changed reservations, any return adjustments, and the events. Each variant's level is
 * announced once per batch, as the batch left it (StockLevelChanged carries the version readers compare).
 * Stock moves at the locations a reservation's allocations name, and nowhere else.
 */
export class StockBook {
  private readonly newReservations = new Map<string, ReservationRow>();
  private readonly changedReservations = new Map<string, ReservationRow>();
  private readonly changedStock = new Map<string, { item: StockItem; cause: EventCause }>();
  private readonly adjustments: NewAdjustment[] = [];
  private readonly reservationEvents: Array<EventToRecord<ReservationEvent, EventCase<ReservationEvent>>> = [];
  private readonly stockEvents: Array<EventToRecord<StockItemEvent, EventCase<StockItemEvent>>> = [];

  private constructor(
    private readonly reservations: Map<string, ReservationRow>,
    private readonly stock: Map<string, StockItem>,
  ) {}

  /**
   * Locks the orders' reservations, then the stock rows of the variants named (by the events, or by the orders'
   * reservations), in variant-id order.
   */
  static async open(trx: Knex.Transaction, orderIds: readonly string[], variantIds: readonly string[]): Promise<StockBook> {
    const reservations = await lockReservations(trx, orderIds);
    const named = [...variantIds, ...[...reservations.values()].flatMap((r) => r.lines.map((line) => line.variantId))];
    return new StockBook(reservations, await lockStockItems(trx, named));
  }

  /**
   * Reserves every line of a placed order or none of them, each line at the locations `decideReservation` allocates.
   * An order that already has a reservation (in any state) is left alone. Returns why nothing was reserved, or
   * undefined when the stock was.
   */
  reserve(orderId: string, lines: readonly ReservationLine[], cause: EventCause): string | undefined {
    if (this.reservations.has(orderId)) return 'the order already has a reservation';
    const decision = decideReservation(lines, this.stock);
    if (decision.outcome === 'fail') {
      const asked = lines.map(({ variantId, quantity }) => ({ variantId, productId: this.stock.get(variantId)?.productId ?? variantId, quantity, allocations: [] }));
      this.insert({ orderId, status: 'FAILED', lines: asked, reason: decision.reason });
      this.recordReservation(cause, orderId, 'stockReservationFailed', {
        orderId,
        shortLines: decision.shortLines.map((line) => ({ ...line, productId: this.stock.get(line.variantId)?.productId ?? line.variantId })),
        reason: decision.reason,
      });
      return decision.reason;
    }
    this.moveAllocations(decision.lines, cause, (quantity) => ({ onHand: 0, reserved: quantity }));
    this.insert({ orderId, status: 'RESERVED', lines: decision.lines, reason: null });
    this.recordReservation(cause, orderId, 'stockReserved', { orderId, lines: this.linesForEvent(decision.lines) });
    return undefined;
  }

  /**
   * Moves an order's reserved stock according to how the order ended: cancelled or expired → what is still
   * reserved is released (units ship, and leave the shelf, one fulfilment at a time: see commitShipment); a
   * reservation committed at payment (before fulfilments) → returned to the shelf as a `return` adjustment
   * (StockAdjusted) at the locations it came from. Every other combination (a failed reservation, a second
   * cancellation, a release after commit) does nothing; the returned text says so.
   */
  settle(orderId: string, outcome: OrderOutcome, cause: EventCause): string | undefined {
    const reservation = this.reservations.get(orderId);
    if (!reservation) {
      // The order ended before its placement reached us: remember it so a late OrderPlaced reserves nothing.
      this.insert({ orderId, status: 'RELEASED', lines: [], reason: `${RELEASE_REASONS[outcome]}_before_reservation` });
      return undefined;
    }
    const { lines } = reservation;
    switch (movementFor(reservation.status, outcome)) {
      case 'release': {
        const reason = RELEASE_REASONS[outcome];
        this.moveAllocations(lines, cause, (quantity) => ({ onHand: 0, reserved: -quantity }));
        this.change(reservation, 'RELEASED', reason);
        this.recordReservation(cause, orderId, 'stockReleased', { orderId, lines: this.linesForEvent(lines), reason });
        return undefined;
      }
      case 'return':
        for (const line of lines) this.putBack(orderId, line, cause);
        this.change(reservation, 'RETURNED', 'order_cancelled_after_payment');
        return undefined;
      case 'none':
        return `the reservation is ${reservation.status}`;
    }
  }

  /**
   * A fulfilment's units are to be held at its location: the moves it names take reserved units from their source
   * and reserve them there, when the location has them available (StockAllocationMoved); else nothing moves
   * (StockAllocationMoveRefused). Returns why nothing happened, when the reservation is not one to move.
   */
  moveAllocation(orderId: string, fulfilmentId: string, locationId: string, moves: readonly AllocationMove[], cause: EventCause): string | undefined {
    const reservation = this.reservations.get(orderId);
    const refuse = (reason: string) => this.recordReservation(cause, orderId, 'stockAllocationMoveRefused', { orderId, fulfilmentId, locationId, reason });
    if (!reservation || reservation.status !== 'RESERVED') {
      refuse(`the reservation is ${reservation?.status ?? 'missing'}`);
      return undefined;
    }
    const plan = planMoves(reservation.lines, locationId, moves, this.stock);
    if ('refused' in plan) {
      refuse(plan.refused);
      return undefined;
    }
    for (const move of moves) {
      this.move(move.variantId, move.fromLocationId, cause, { onHand: 0, reserved: -move.quantity });
      this.move(move.variantId, locationId, cause, { onHand: 0, reserved: move.quantity });
    }
    this.change(reservation, 'RESERVED', null, plan.lines);
    this.recordReservation(cause, orderId, 'stockAllocationMoved', { orderId, fulfilmentId, locationId, lines: this.linesForEvent(plan.lines) });
    return undefined;
  }

  /**
   * A fulfilment shipped: its units leave the shelf at its location (on hand and reserved both drop), and the
   * reservation is COMMITTED once all of it has shipped (StockCommitted names the fulfilment). A reservation
   * committed at payment (before fulfilments) has nothing more to commit.
   */
  commitShipment(orderId: string, fulfilmentId: string, locationId: string | undefined, shipped: readonly ShippedLine[], cause: EventCause): string | undefined {
    const reservation = this.reservations.get(orderId);
    if (!reservation || reservation.status !== 'RESERVED') return `the reservation is ${reservation?.status ?? 'missing'}`;
    const plan = planShipment(reservation.lines, locationId, shipped);
    if ('refused' in plan) throw new Error(`fulfilment ${fulfilmentId} of order ${orderId} shipped units its reservation does not hold: ${plan.refused}`);
    this.moveAllocations(plan.committed, cause, (quantity) => ({ onHand: -quantity, reserved: -quantity }));
    this.change(reservation, allShipped(plan.lines) ? 'COMMITTED' : 'RESERVED', null, plan.lines);
    this.recordReservation(cause, orderId, 'stockCommitted', { orderId, fulfilmentId, lines: this.linesForEvent(plan.committed) });
    return undefined;
  }

  /** Returned units go back on the shelf at the locations named (`return` adjustments, StockAdjusted). */
  restock(orderId: string, returned: ReadonlyArray<{ variantId: string; locationId: string; quantity: number }>, locations: ReadonlyMap<string, StockLocation>, cause: EventCause): string | undefined {
    const unknown = returned.filter((r) => !locations.has(r.locationId) || !this.stock.has(r.variantId));
    if (unknown.length > 0) return `unknown stock location or variant: ${unknown.map((r) => `${r.variantId}@${r.locationId}`).join(', ')}`;
    for (const { variantId, locationId, quantity } of returned) {
      const location = locations.get(locationId)!;
      this.adjust(orderId, variantId, { locationId, code: location.code, priority: location.priority, active: location.active }, quantity, 'order returned', cause);
    }
    return undefined;
  }

  async save(trx: Knex.Transaction): Promise<void> {
    const changed = [...this.changedStock.values()];
    await saveStockLevels(trx, changed.map(({ item }) => item));
    await saveReservations(trx, [...this.newReservations.values()], [...this.changedReservations.values()]);
    await insertAdjustments(trx, this.adjustments);
    await recordEvents(trx, ReservationStream, this.reservationEvents);
    await recordEvents(trx, StockItemStream, [...this.stockEvents, ...changed.map(({ item, cause }) => ({ ...stockLevelChanged(item), cause }))]);
  }

  /** Variants whose stock rows an order's lines need (valid ids only; a bad line fails the reservation). */
  static variantsOf(lines: readonly ReservationLine[]): string[] {
    return (mergeOrderLines(lines) ?? []).map((line) => line.variantId);
  }

  private moveAllocations(lines: readonly AllocatedLine[], cause: EventCause, delta: (quantity: number) => { onHand: number; reserved: number }): void {
    for (const line of lines) {
      for (const allocation of line.allocations) this.move(line.variantId, allocation.locationId, cause, delta(allocation.quantity));
    }
  }

  private move(variantId: string, locationId: string, cause: EventCause, delta: { onHand: number; reserved: number }): StockItem | undefined {
    const item = this.stock.get(variantId);
    if (!item) throw new Error(`stock item ${variantId} is not locked by this batch`);
    const location = item.levels.find((level) => level.locationId === locationId);
    if (!location) throw new Error(`stock item ${variantId} has no level at ${locationId}`);
    const moved = moveAt(item, location, delta);
    this.stock.set(variantId, moved);
    this.changedStock.set(variantId, { item: moved, cause });
    return moved;
  }

  private putBack(orderId: string, line: AllocatedLine, cause: EventCause): void {
    if (!this.stock.has(line.variantId)) return;
    for (const allocation of line.allocations) {
      const level = this.stock.get(line.variantId)!.levels.find((l) => l.locationId === allocation.locationId);
      if (level) this.adjust(orderId, line.variantId, level, allocation.quantity, 'paid order cancelled', cause);
    }
  }

  /** Puts units back on the shelf at a location, recorded as a `return` adjustment and announced (StockAdjusted). */
  private adjust(orderId: string, variantId: string, location: Omit<LocationStock, 'onHand' | 'reserved'>, quantity: number, note: string, cause: EventCause): void {
    const item = moveAt(this.stock.get(variantId)!, location, { onHand: quantity, reserved: 0 });
    this.stock.set(variantId, item);
    this.changedStock.set(variantId, { item, cause });
    const adjustmentId = randomUUID();
    this.adjustments.push({
      id: adjustmentId,
      variantId,
      locationId: location.locationId,
      delta: quantity,
      reason: 'return',
      note,
      orderId,
      actorUserId: null,
      idempotencyKey: null,
      onHandAfter: item.onHand,
      reservedAfter: item.reserved,
    });
    this.stockEvents.push({
      aggregateId: variantId,
      event: 'stockAdjusted',
      payload: {
        productId: item.productId,
        variantId,
        locationId: location.locationId,
        locationCode: location.code,
        delta: quantity,
        reason: 'return',
        onHand: item.onHand,
        reserved: item.reserved,
        available: sellable(item),
        adjustmentId,
        orderId,
        version: item.version,
      },
      cause,
    });
  }

  private codeOf(variantId: string, locationId: string): string {
    return this.stock.get(variantId)?.levels.find((level) => level.locationId === locationId)?.code ?? '';
  }

  private linesForEvent(lines: readonly AllocatedLine[]) {
    return lines.map((line) => ({
      productId: line.productId,
      variantId: line.variantId,
      quantity: line.quantity,
      allocations: line.allocations.map((allocation) => ({ ...allocation, locationCode: this.codeOf(line.variantId, allocation.locationId) })),
    }));
  }

  private insert(reservation: ReservationRow): void {
    this.reservations.set(reservation.orderId, reservation);
    this.newReservations.set(reservation.orderId, reservation);
  }

  private change(reservation: ReservationRow, status: ReservationRow['status'], reason: string | null, lines = reservation.lines): void {
    const changed = { ...reservation, status, reason, lines };
    this.reservations.set(reservation.orderId, changed);
    if (this.newReservations.has(reservation.orderId)) this.newReservations.set(reservation.orderId, changed);
    else this.changedReservations.set(reservation.orderId, changed);
  }

  private recordReservation<K extends EventCase<ReservationEvent>>(cause: EventCause, orderId: string, event: K, payload: EventPayload<ReservationEvent, K>): void {
    this.reservationEvents.push({ aggregateId: orderId, event, payload, cause } as EventToRecord<ReservationEvent, EventCase<ReservationEvent>>);
  }
}
