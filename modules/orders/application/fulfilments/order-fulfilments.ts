import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import { recordEvents } from '../../../../src/messaging/outbox';
import type { Fulfilment } from '../../domain/fulfilment/fulfilment';
import { fulfilmentStatusOf, progressOf } from '../../domain/fulfilment/order-progress';
import type { Order } from '../../domain/order';
import type { OrderEventOf } from '../../domain/order-events';
import { toFulfilmentStatus } from '../../domain/order-transitions';
import { OrderErrors } from '../../domain/orders.errors';
import { fulfilmentsOf, insertFulfilments, orderIdOfFulfilment, saveFulfilments } from '../../infrastructure/fulfilment.repository';
import { lockOrder } from '../../infrastructure/order.repository';
import { saveTransition } from '../save-transition';

/**
 * A locked order with its fulfilments, changed in memory and written by `save`: the new and changed fulfilments,
 * their events, and the order's status as its fulfilments now give it. Every change to an order's fulfilments
 * goes through here, under the order's row lock, so two admins never fulfil the same unit.
 */
export class OrderFulfilments {
  private readonly added: Fulfilment[] = [];
  private readonly changed = new Map<string, Fulfilment>();
  private readonly events: OrderEventOf[] = [];

  private constructor(
    readonly order: Order,
    private current: Fulfilment[],
  ) {}

  static async lock(trx: Knex.Transaction, orderId: string): Promise<OrderFulfilments> {
    const order = await lockOrder(trx, orderId);
    if (!order) throw OrderErrors.notFound(orderId);
    return new OrderFulfilments(order, await fulfilmentsOf(trx, order.id));
  }

  /** Locks the order a fulfilment belongs to. */
  static async lockOf(trx: Knex.Transaction, fulfilmentId: string): Promise<{ all: OrderFulfilments; fulfilment: Fulfilment }> {
    const orderId = await orderIdOfFulfilment(trx, fulfilmentId);
    if (!orderId) throw OrderErrors.fulfilmentNotFound(fulfilmentId);
    const all = await OrderFulfilments.lock(trx, orderId);
    return { all, fulfilment: all.fulfilment(fulfilmentId)! };
  }

  get fulfilments(): readonly Fulfilment[] {
    return this.current;
  }

  fulfilment(id: string): Fulfilment | undefined {
    return this.current.find((f) => f.id === id.toLowerCase());
  }

  add(fulfilment: Fulfilment, event: OrderEventOf): void {
    this.added.push(fulfilment);
    this.current = [...this.current, fulfilment];
    this.events.push(event);
  }

  change(fulfilment: Fulfilment, event: OrderEventOf | null): void {
    if (!this.added.some((f) => f.id === fulfilment.id)) this.changed.set(fulfilment.id, fulfilment);
    this.current = this.current.map((f) => (f.id === fulfilment.id ? fulfilment : f));
    const i = this.added.findIndex((f) => f.id === fulfilment.id);
    if (i >= 0) this.added[i] = fulfilment;
    if (event) this.events.push(event);
  }

  /** Writes the fulfilments and their events, then moves the order to the status they give it. */
  async save(trx: Knex.Transaction, actor: string): Promise<Order> {
    await insertFulfilments(trx, this.added);
    await saveFulfilments(trx, [...this.changed.values()]);
    await recordEvents(trx, OrderStream, this.events.map((event) => ({ aggregateId: this.order.id, ...event })));
    const to = fulfilmentStatusOf(progressOf(this.order, this.current));
    if (to === this.order.status) return this.order;
    const lastShipped = [...this.current].filter((f) => f.shippedAt).sort((a, b) => a.shippedAt!.getTime() - b.shippedAt!.getTime()).pop();
    let order = this.order;
    // A single call may ship everything and deliver it: pass through each status on the way.
    for (const step of stepsTo(order.status, to)) {
      order = await saveTransition(trx, toFulfilmentStatus(order, step, { actor, trackingNumber: lastShipped?.tracking?.trackingNumber ?? null }, new Date()));
    }
    return order;
  }
}

function stepsTo(from: Order['status'], to: 'PAID' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED'): Array<'PARTIALLY_SHIPPED' | 'SHIPPED' | 'DELIVERED'> {
  if (to === 'PAID') return [];
  if (to === 'DELIVERED') return from === 'SHIPPED' ? ['DELIVERED'] : ['SHIPPED', 'DELIVERED'];
  return [to];
}
