import type { Knex } from 'knex';
import { updateFromUnnest } from '../../../src/db/update-from-unnest';
import { advisoryLockStatement, type StatementResult } from '../../../src/db/one-round-trip';
import { isUuid } from '../../../src/validation/uuid';
import type { CustomerOrdering } from '../domain/customer-order-limits';
import type { Order, OrderLine, StatusChange } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { OrderLineModel } from './order-line.model';
import { OrderModel } from './order.model';
import { OrderStatusHistoryModel } from './order-status-history.model';
import { UnappliedEventModel } from './unapplied-event.model';

/** Reads an order and its lines, locking the order row until the transaction ends. */
export async function lockOrder(trx: Knex.Transaction, orderId: string): Promise<Order | undefined> {
  if (!isUuid(orderId)) return undefined;
  const model = await OrderModel.query(trx).findById(orderId).forUpdate();
  if (!model) return undefined;
  model.lines = await OrderLineModel.query(trx).where('order_id', orderId).orderBy('line_number');
  return toOrder(model);
}

/** Reads orders and their lines, locking the order rows (in id order) until the transaction ends: two statements. */
export async function lockOrders(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Map<string, Order>> {
  const ids = [...new Set(orderIds.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
  if (ids.length === 0) return new Map();
  const models = await OrderModel.query(trx).whereIn('id', ids).orderBy('id').forUpdate();
  const lines = await OrderLineModel.query(trx).whereIn('order_id', ids).orderBy(['order_id', 'line_number']);
  for (const model of models) model.lines = lines.filter((line) => line.orderId === model.id);
  return new Map(models.map((model) => [model.id, toOrder(model)]));
}

/** Locks order rows in id order (no deadlock with other batches), for writes that do not need the orders read. */
export async function lockOrderRows(trx: Knex.Transaction, orderIds: readonly string[]): Promise<void> {
  const ids = [...new Set(orderIds.map((id) => id.toLowerCase()))].sort();
  if (ids.length > 0) await trx.raw('select id from orders where id = any(?::uuid[]) order by id for update', [ids]);
}

/**
 * Writes orders' new states (status, reason, due time, payment) in one statement and appends their status changes
 * (in the order given; an order may have several) in another.
 */
export async function saveOrderChanges(
  trx: Knex.Transaction,
  orders: readonly Order[],
  history: ReadonlyArray<{ orderId: string; change: StatusChange }>,
): Promise<void> {
  await updateFromUnnest(
    trx,
    'orders',
    { name: 'id', type: 'uuid', value: (o) => o.id },
    [
      { name: 'status', type: 'text', value: (o) => o.status },
      { name: 'status_reason', type: 'text', value: (o) => o.statusReason },
      { name: 'payment_due_at', type: 'timestamptz', value: (o) => o.paymentDueAt },
      { name: 'payment_id', type: 'text', value: (o) => o.paymentId },
      { name: 'updated_at', type: 'timestamptz', value: (o) => o.updatedAt },
    ],
    orders,
  );
  if (history.length > 0) await OrderStatusHistoryModel.query(trx).insert(history.map(({ orderId, change }) => historyRow(orderId, change)));
}

export async function findOrderWithHistory(db: Knex, orderId: string): Promise<{ order: Order; history: StatusChange[] } | undefined> {
  if (!isUuid(orderId)) return undefined;
  const model = await OrderModel.query(db).findById(orderId).withGraphFetched('[lines, history]');
  if (!model) return undefined;
  return { order: toOrder(model), history: (model.history ?? []).map(toStatusChange) };
}

/** The new order, its lines and its first status as complete statements, to send together. */
export function insertOrderStatements(db: Knex, order: Order, actor: string): string[] {
  const { lines, ...header } = order;
  return [
    OrderModel.query(db).insert(header).toKnexQuery().toQuery(),
    OrderLineModel.query(db)
      .insert(lines.map((line, index) => ({ ...line, orderId: order.id, lineNumber: index + 1 })))
      .toKnexQuery()
      .toQuery(),
    OrderStatusHistoryModel.query(db)
      .insert(historyRow(order.id, { from: null, to: order.status, reason: null, actor, occurredAt: order.createdAt }))
      .toKnexQuery()
      .toQuery(),
  ];
}

export type OrderPatch = Partial<Pick<Order, 'paymentId'>>;

/** Writes a locked order's new status and the fields a transition sets, and appends the change to its history. */
export async function saveOrderTransition(trx: Knex.Transaction, order: Order, change: StatusChange): Promise<void> {
  const { status, statusReason, paymentDueAt, paymentId, trackingNumber, updatedAt } = order;
  await OrderModel.query(trx).findById(order.id).patch({ status, statusReason, paymentDueAt, paymentId, trackingNumber, updatedAt });
  await insertStatusChange(trx, order.id, change);
}

async function insertStatusChange(trx: Knex.Transaction, orderId: string, change: StatusChange): Promise<void> {
  await OrderStatusHistoryModel.query(trx).insert(historyRow(orderId, change));
}

function historyRow(orderId: string, change: StatusChange) {
  return { orderId, fromStatus: change.from, toStatus: change.to, reason: change.reason, actor: change.actor, occurredAt: change.occurredAt };
}

export interface UnappliedEvent {
  orderId: string;
  eventId: string;
  eventType: string;
  orderStatus: OrderStatus | null;
  action: string;
}

export async function recordUnappliedEvent(trx: Knex.Transaction, entry: UnappliedEvent): Promise<void> {
  await recordUnappliedEvents(trx, [entry]);
}

export async function recordUnappliedEvents(trx: Knex.Transaction, entries: readonly UnappliedEvent[]): Promise<void> {
  if (entries.length > 0) await UnappliedEventModel.query(trx).insert(entries as UnappliedEvent[]);
}

/** AWAITING_PAYMENT orders past their due time, locked; rows another sweeper holds are skipped, not waited for. */
export async function lockOverdueOrderIds(trx: Knex.Transaction, now: Date, limit: number): Promise<string[]> {
  const rows = await OrderModel.query(trx)
    .select('id')
    .where('status', 'AWAITING_PAYMENT')
    .where('payment_due_at', '<=', now)
    .orderBy('payment_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return rows.map((row) => row.id);
}

export function toOrder(model: OrderModel): Order {
  return {
    id: model.id,
    customerId: model.customerId,
    status: model.status,
    lines: (model.lines ?? []).map(toLine),
    subtotalCents: model.subtotalCents,
    discountCents: model.discountCents,
    shipping: model.shipping,
    taxCents: Number(model.taxCents),
    pricesIncludeTax: model.pricesIncludeTax,
    rounding: model.rounding,
    totalCents: model.totalCents,
    currency: model.currency,
    promotionCode: model.promotionCode,
    shippingAddress: model.shippingAddress,
    paymentDueAt: model.paymentDueAt,
    paymentId: model.paymentId,
    trackingNumber: model.trackingNumber,
    refundedCents: Number(model.refundedCents),
    statusReason: model.statusReason,
    createdAt: model.createdAt,
    updatedAt: model.updatedAt,
  };
}

function toLine(model: OrderLineModel): OrderLine {
  return {
    productId: model.productId,
    variantId: model.variantId,
    sku: model.sku,
    name: model.name,
    options: model.options,
    quantity: model.quantity,
    unitPriceCents: model.unitPriceCents,
    lineTotalCents: model.lineTotalCents,
    discountCents: Number(model.discountCents),
    tax: model.tax,
  };
}

function toStatusChange(model: OrderStatusHistoryModel): StatusChange {
  return { from: model.fromStatus, to: model.toStatus, reason: model.reason, actor: model.actor, occurredAt: model.occurredAt };
}

type CustomerOrderingRow = { unpaid_orders: number; unpaid_units: number; recent: number; oldest_recent_age_ms: number | null };

/**
 * Two statements, to be sent together in one round trip (`inFewRoundTrips`): the first takes the customer's ordering
 * lock (held to the end of the transaction: one customer's placements queue there, so limits hold under concurrent
 * requests); the second, whose snapshot is taken only once the lock is granted, reads what the limits need and never
 * more rows than they allow: up to `maxUnpaid` + 1 unpaid orders with their units, and the latest
 * `placementsPerWindow` placements in the window. `customerOrderingOf` reads their results.
 */
export function customerOrderingStatements(
  trx: Knex,
  customerId: string,
  bounds: { maxUnpaid: number; placementsPerWindow: number; windowMs: number },
): [lock: string, read: string] {
  const lock = advisoryLockStatement(trx, `orders.customer:${customerId}`);
  const read = trx
    .raw(
      `with unpaid as (
         select o.id from orders o
          where o.customer_id = :customerId and o.status in ('PENDING', 'AWAITING_PAYMENT')
          limit :unpaidBound),
       recent as (
         select o.created_at from orders o
          where o.customer_id = :customerId and o.created_at > now() - make_interval(secs => :windowMs / 1000.0)
          order by o.created_at desc
          limit :recentBound)
       select (select count(*) from unpaid)::int as unpaid_orders,
              (select coalesce(sum(l.quantity), 0) from order_lines l where l.order_id in (select id from unpaid))::int as unpaid_units,
              (select count(*) from recent)::int as recent,
              (select (extract(epoch from now() - min(created_at)) * 1000)::int from recent) as oldest_recent_age_ms`,
      { customerId, unpaidBound: bounds.maxUnpaid + 1, recentBound: bounds.placementsPerWindow, windowMs: bounds.windowMs },
    )
    .toQuery();
  return [lock, read];
}

export function customerOrderingOf([, read]: readonly StatementResult[]): CustomerOrdering {
  const row = read.rows[0] as CustomerOrderingRow;
  return { unpaidOrders: row.unpaid_orders, unpaidUnits: row.unpaid_units, placedInLastMinute: row.recent, oldestInLastMinuteAgeMs: row.oldest_recent_age_ms ?? 0 };
}
