import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { StatementResult } from '../../../../src/db/one-round-trip';
import type { CartLine } from '../../domain/cart/cart';

type Db = Knex | Knex.Transaction;

interface CartRow {
  id: string;
  updated_at: Date;
  promotion_code: string | null;
  shipping_option_id: string | null;
}

export interface StoredCart {
  id: string;
  updatedAt: Date;
  lines: CartLine[];
  promotionCode: string | null;
  /** The shipping option the customer chose for the checkout, if any. */
  shippingOptionId: string | null;
}

const CART_COLUMNS = ['id', 'updated_at', 'promotion_code', 'shipping_option_id'];

const storedCart = (cart: CartRow, lines: CartLine[]): StoredCart => ({
  id: cart.id,
  updatedAt: cart.updated_at,
  promotionCode: cart.promotion_code,
  shippingOptionId: cart.shipping_option_id,
  lines,
});

export async function findCart(db: Db, customerId: string): Promise<StoredCart | undefined> {
  const cart = await db('carts').where({ customer_id: customerId }).first<CartRow | undefined>(CART_COLUMNS);
  if (!cart) return undefined;
  return storedCart(cart, await linesOf(db, cart.id));
}

/**
 * The customer's cart, created on first use, locked for the caller's transaction: edits from two devices, and
 * a checkout, take turns on it, so none of them loses another's line or places the same cart twice.
 */
export async function lockCart(trx: Knex.Transaction, customerId: string): Promise<StoredCart> {
  await trx('carts').insert({ id: randomUUID(), customer_id: customerId }).onConflict('customer_id').ignore();
  const cart = await trx('carts').where({ customer_id: customerId }).forUpdate().first<CartRow>(CART_COLUMNS);
  return storedCart(cart, await linesOf(trx, cart.id));
}

/**
 * lockCart as complete statements to send together (the cart created if needed, locked, then its lines read under
 * the lock); `lockedCartOf` reads their results.
 */
export function lockCartStatements(db: Knex, customerId: string): [create: string, lock: string, lines: string] {
  return [
    db('carts').insert({ id: randomUUID(), customer_id: customerId }).onConflict('customer_id').ignore().toQuery(),
    db('carts').where({ customer_id: customerId }).forUpdate().first(CART_COLUMNS).toQuery(),
    db('cart_lines as l')
      .join('carts as c', 'c.id', 'l.cart_id')
      .where('c.customer_id', customerId)
      .orderBy([{ column: 'l.added_at' }, { column: 'l.variant_id' }])
      .select('l.variant_id', 'l.quantity')
      .toQuery(),
  ];
}

export function lockedCartOf([, lock, lines]: readonly StatementResult[]): StoredCart {
  const cart = lock.rows[0] as CartRow;
  const cartLines = (lines.rows as Array<{ variant_id: string; quantity: number }>).map((row) => ({ variantId: row.variant_id, quantity: row.quantity }));
  return storedCart(cart, cartLines);
}

/** emptyCart as complete statements, to send with others. */
export function emptyCartStatements(db: Knex, cartId: string): string[] {
  return [
    db('cart_lines').where({ cart_id: cartId }).delete().toQuery(),
    db('carts').where({ id: cartId }).update({ promotion_code: null, shipping_option_id: null, updated_at: db.fn.now() }).toQuery(),
  ];
}

/** Sets a line's quantity (the last write per line wins) and marks the cart as touched. */
export async function setCartLine(trx: Knex.Transaction, cartId: string, line: CartLine): Promise<void> {
  await trx('cart_lines')
    .insert({ cart_id: cartId, variant_id: line.variantId, quantity: line.quantity })
    .onConflict(['cart_id', 'variant_id'])
    .merge({ quantity: line.quantity });
  await touch(trx, cartId);
}

export async function removeCartLine(trx: Knex.Transaction, cartId: string, variantId: string): Promise<void> {
  await trx('cart_lines').where({ cart_id: cartId, variant_id: variantId }).delete();
  await touch(trx, cartId);
}

/** Takes every line out, and the promotion code with them. */
export async function emptyCart(trx: Knex.Transaction, cartId: string): Promise<void> {
  await trx('cart_lines').where({ cart_id: cartId }).delete();
  await trx('carts').where({ id: cartId }).update({ promotion_code: null, shipping_option_id: null });
  await touch(trx, cartId);
}

export async function setCartShippingOption(trx: Knex.Transaction, cartId: string, shippingOptionId: string | null): Promise<void> {
  await trx('carts').where({ id: cartId }).update({ shipping_option_id: shippingOptionId });
  await touch(trx, cartId);
}

export async function setCartPromotion(trx: Knex.Transaction, cartId: string, code: string | null): Promise<void> {
  await trx('carts').where({ id: cartId }).update({ promotion_code: code });
  await touch(trx, cartId);
}

async function linesOf(db: Db, cartId: string): Promise<CartLine[]> {
  const rows = await db('cart_lines').where({ cart_id: cartId }).orderBy([{ column: 'added_at' }, { column: 'variant_id' }]);
  return rows.map((row: { variant_id: string; quantity: number }) => ({ variantId: row.variant_id, quantity: row.quantity }));
}

async function touch(trx: Knex.Transaction, cartId: string): Promise<void> {
  await trx('carts').where({ id: cartId }).update({ updated_at: trx.fn.now() });
}

/**
 * Carts with lines, untouched since before `before`, whose current state has not been announced as abandoned;
 * locked, skipping carts another instance is handling.
 */
export async function lockAbandonedCarts(trx: Knex.Transaction, before: Date, limit: number): Promise<(StoredCart & { customerId: string })[]> {
  const carts = await trx('carts')
    .where('updated_at', '<', before)
    .andWhere((q) => q.whereNull('abandoned_state').orWhereRaw('abandoned_state <> updated_at'))
    .whereExists(trx('cart_lines').whereRaw('cart_lines.cart_id = carts.id'))
    .orderBy('updated_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .select<(CartRow & { customer_id: string })[]>([...CART_COLUMNS, 'customer_id']);
  return Promise.all(carts.map(async (c) => ({ ...storedCart(c, await linesOf(trx, c.id)), customerId: c.customer_id })));
}

/** Remembers that the cart's current state (its updated_at, copied in the database at full precision) was announced. */
export async function markAbandonmentAnnounced(trx: Knex.Transaction, cartId: string): Promise<void> {
  await trx('carts').where({ id: cartId }).update({ abandoned_state: trx.ref('updated_at') });
}

/** Deletes carts untouched since before `before` (their lines go with them). */
export async function deleteCartsUntouchedSince(db: Knex, before: Date): Promise<number> {
  return db('carts').where('updated_at', '<', before).delete();
}
