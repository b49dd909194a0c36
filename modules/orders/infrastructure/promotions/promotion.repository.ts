import type { NewestFirstPosition } from '../../../../src/paging/keyset';
import type { Knex } from 'knex';
import type { StatementResult } from '../../../../src/db/one-round-trip';
import type { NewPromotion, Promotion } from '../../domain/promotions/promotion';

type Db = Knex | Knex.Transaction;

interface PromotionRow {
  id: string;
  code: string;
  description: string | null;
  kind: Promotion['kind'];
  value: string | number;
  currency: string | null;
  min_subtotal_cents: string | number | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
  starts_at: Date | null;
  ends_at: Date | null;
  active: boolean;
  times_used: number;
  created_at: Date;
  updated_at: Date;
}

function toPromotion(row: PromotionRow): Promotion {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    kind: row.kind,
    value: Number(row.value),
    currency: row.currency,
    minSubtotalCents: row.min_subtotal_cents === null ? null : Number(row.min_subtotal_cents),
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    active: row.active,
    timesUsed: row.times_used,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertPromotion(db: Db, id: string, p: NewPromotion): Promise<Promotion> {
  const [row] = await db('promotions')
    .insert({
      id,
      code: p.code,
      description: p.description ?? null,
      kind: p.kind,
      value: p.value,
      currency: p.currency ?? null,
      min_subtotal_cents: p.minSubtotalCents ?? null,
      usage_limit: p.usageLimit ?? null,
      per_customer_limit: p.perCustomerLimit ?? null,
      starts_at: p.startsAt ?? null,
      ends_at: p.endsAt ?? null,
    })
    .returning('*');
  return toPromotion(row as PromotionRow);
}

export async function findPromotion(db: Db, id: string): Promise<Promotion | undefined> {
  const row = await db('promotions').where({ id }).first();
  return row ? toPromotion(row as PromotionRow) : undefined;
}

/** Newest first by (created_at, id). */
export async function listPromotions(db: Db, after: NewestFirstPosition | undefined, limit: number): Promise<Promotion[]> {
  const query = db('promotions')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  if (after) query.whereRaw('(created_at, id) < (?, ?)', after);
  return (await query).map((row: PromotionRow) => toPromotion(row));
}

export async function findPromotionByCode(db: Db, code: string): Promise<Promotion | undefined> {
  const row = await db('promotions').whereRaw('lower(code) = lower(?)', [code]).first();
  return row ? toPromotion(row as PromotionRow) : undefined;
}

/** Locks a promotion by its code (case-insensitively): every use of one code is decided one at a time. */
export async function lockPromotionByCode(trx: Knex.Transaction, code: string): Promise<Promotion | undefined> {
  const row = await trx('promotions').whereRaw('lower(code) = lower(?)', [code]).forUpdate().first();
  return row ? toPromotion(row as PromotionRow) : undefined;
}

/**
 * lockPromotionByCode and the customer's unreleased uses of that code, as two complete statements to send together
 * (the count runs once the lock is held); `lockedPromotionOf` reads their results.
 */
export function lockPromotionByCodeStatements(db: Knex, code: string, customerId: string): [lock: string, uses: string] {
  const lock = db('promotions').whereRaw('lower(code) = lower(?)', [code]).forUpdate().first().toQuery();
  const uses = db
    .raw(
      `select count(*)::int as uses from promotion_uses u join promotions p on p.id = u.promotion_id
        where lower(p.code) = lower(?) and u.customer_id = ? and u.released_at is null`,
      [code, customerId],
    )
    .toQuery();
  return [lock, uses];
}

export function lockedPromotionOf([lock, uses]: readonly StatementResult[]): { promotion: Promotion; usesByCustomer: number } | undefined {
  const row = lock.rows[0] as PromotionRow | undefined;
  return row ? { promotion: toPromotion(row), usesByCustomer: (uses.rows[0] as { uses: number }).uses } : undefined;
}

export async function lockPromotion(trx: Knex.Transaction, id: string): Promise<Promotion | undefined> {
  const row = await trx('promotions').where({ id }).forUpdate().first();
  return row ? toPromotion(row as PromotionRow) : undefined;
}

export async function updatePromotion(
  trx: Knex.Transaction,
  id: string,
  change: { active?: boolean; endsAt?: Date | null; usageLimit?: number | null; perCustomerLimit?: number | null },
): Promise<Promotion> {
  const patch: Record<string, unknown> = { updated_at: trx.fn.now() };
  if (change.active !== undefined) patch.active = change.active;
  if (change.endsAt !== undefined) patch.ends_at = change.endsAt;
  if (change.usageLimit !== undefined) patch.usage_limit = change.usageLimit;
  if (change.perCustomerLimit !== undefined) patch.per_customer_limit = change.perCustomerLimit;
  const [row] = await trx('promotions').where({ id }).update(patch).returning('*');
  return toPromotion(row as PromotionRow);
}

/** Uses of a promotion by one customer that are not released. */
export async function countCustomerUses(db: Db, promotionId: string, customerId: string): Promise<number> {
  const [{ count }] = await db('promotion_uses').where({ promotion_id: promotionId, customer_id: customerId }).whereNull('released_at').count({ count: '*' });
  return Number(count);
}

/** Takes a use for an order, in the order's transaction (the promotion is locked by the caller), as complete statements. */
export function takeUseStatements(db: Knex, use: { promotionId: string; orderId: string; customerId: string }): string[] {
  return [
    db('promotion_uses').insert({ order_id: use.orderId, promotion_id: use.promotionId, customer_id: use.customerId }).toQuery(),
    db('promotions').where({ id: use.promotionId }).increment('times_used', 1).toQuery(),
  ];
}

/** Gives an order's use back, once: a second call (a redelivered event) finds it released and changes nothing. */
export async function releaseUse(trx: Knex.Transaction, orderId: string): Promise<boolean> {
  const released = await trx('promotion_uses').where({ order_id: orderId }).whereNull('released_at').update({ released_at: trx.fn.now() }).returning('promotion_id');
  if (released.length === 0) return false;
  await trx('promotions').where({ id: (released[0] as { promotion_id: string }).promotion_id }).decrement('times_used', 1);
  return true;
}
