import type { Knex } from 'knex';
import { OrderStream, type EventCase, type EventPayload, type mart } from '../../../proto/streams';
import type { EventCause } from '../../../src/messaging/event-cause';
import { recordEvents, type EventToRecord } from '../../../src/messaging/outbox';
import type { Order } from '../domain/order';
import { assertTransition, endedUnfulfilled, type OrderStatus } from '../domain/order-status';
import { lockOrders, recordUnappliedEvents, saveOrderChanges, type OrderPatch, type UnappliedEvent } from '../infrastructure/order.repository';

type OrderEvent = mart.orders.v1.OrderEvent;
type OrderEventCase = EventCase<OrderEvent>;


/**
 * What a batch handler does to the orders it locked, kept in memory and written by `save` in a fixed number of
 * statements whatever the batch's size: the orders' new states, their status history, the events it could not
 * apply, and the events it records (each with the cause it is given).
 */
export class OrderChanges {
  private readonly changed = new Map<string, Order>();
  private readonly history: Array<{ orderId: string; change: { from: OrderStatus; to: OrderStatus; reason: string | null; actor: string; occurredAt: Date } }> = [];
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

  /** Moves the order to its next status (the transition table is checked) and appends the change to its history. */
  transition(order: Order, to: OrderStatus, change: { actor: string; reason?: string; patch?: OrderPatch }): Order {
    assertTransition(order.status, to);
    // Ends that give the promotion use back are left to changeOrderStatus (one order at a time).
    if (endedUnfulfilled(to)) throw new Error(`an order ending ${to} gives its promotion use back: use changeOrderStatus`);
    const occurredAt = new Date();
    const reason = change.reason ?? null;
    this.history.push({ orderId: order.id, change: { from: order.status, to, reason, actor: change.actor, occurredAt } });
    return this.keep({ ...order, statusReason: reason, ...change.patch, status: to, updatedAt: occurredAt });
  }

  /** Changes the order's fields without a status change. */
  patch(order: Order, patch: OrderPatch): Order {
    return this.keep({ ...order, ...patch, updatedAt: new Date() });
  }

  /** An event this order could not act on, kept for operators (order_unapplied_events). */
  note(entry: UnappliedEvent): void {
    this.unapplied.push(entry);
  }

  record<K extends OrderEventCase>(cause: EventCause, order: Order, event: K, payload: EventPayload<OrderEvent, K>): void {
    this.events.push({ aggregateId: order.id, event, payload, cause } as EventToRecord<OrderEvent, OrderEventCase>);
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
