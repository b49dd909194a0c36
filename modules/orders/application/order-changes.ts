import type { Knex } from 'knex';
import { OrderStream } from '../../../proto/streams';
import type { EventCause } from '../../../src/messaging/event-cause';
import { recordEvents, type EventToRecord } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import type { OrderEvent, OrderEventCase } from '../domain/order-events';
import { endedUnfulfilled } from '../domain/order-status';
import type { OrderTransition } from '../domain/order-transitions';
import { lockOrders, recordUnappliedEvents, saveOrderChanges, type OrderPatch, type UnappliedEvent } from '../infrastructure/order.repository';

/**
 * What a batch handler does to the orders it locked, kept in memory and written by `save` in a fixed number of
 * statements whatever the batch's size: the orders' new states, their status history, the events it could not
 * apply, and the events it records (each with the cause it is given).
 */
export class OrderChanges {
  private readonly changed = new Map<string, Order>();
  private readonly history: Array<{ orderId: string; change: OrderTransition['change'] }> = [];
  private readonly unapplied: UnappliedEvent[] = [];
  private readonly events: Array<EventToRecord<OrderEvent, OrderEventCase>> = [];

  private constructor(private readonly locked: Map<string, Order>) {}

  /** Locks the orders (in id order) and reads them with their lines: two statements. */
  static async lock(trx: Knex.Transaction, orderIds: readonly string[]): Promise<OrderChanges> {
    return new OrderChanges(await lockOrders(trx, orderIds));
  }

  /** The order as this batch has left it so far; undefined when there is none. */
  order(orderId: string): Order | undefined {
    const id = orderId.toLowerCase();
    return this.changed.get(id) ?? this.locked.get(id);
  }

  /** Keeps the order's transition (new state, history, event, recorded with `cause`); returns the order as it leaves it. */
  apply(cause: EventCause, { order, change, event }: OrderTransition): Order {
    // Ends that give the promotion use back are left to saveTransition (one order at a time).
    if (endedUnfulfilled(change.to)) throw new Error(`an order ending ${change.to} gives its promotion use back: use saveTransition`);
    this.history.push({ orderId: order.id, change });
    if (event) this.events.push({ aggregateId: order.id, ...event, cause });
    return this.keep(order);
  }

  /** Changes the order's fields without a status change. */
  patch(order: Order, patch: OrderPatch): Order {
    return this.keep({ ...order, ...patch, updatedAt: new Date() });
  }

  /** An event this order could not act on, kept for operators (order_unapplied_events). */
  note(entry: UnappliedEvent): void {
    this.unapplied.push(entry);
  }

  async save(trx: Knex.Transaction): Promise<void> {
    await saveOrderChanges(trx, [...this.changed.values()], this.history);
    await recordUnappliedEvents(trx, this.unapplied);
    await recordEvents(trx, OrderStream, this.events);
  }

  private keep(order: Order): Order {
    this.changed.set(order.id, order);
    return order;
  }
}
