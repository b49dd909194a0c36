import type { Knex } from 'knex';
import { CartStream } from '../../../../proto/streams';
import { recordEvent } from '../../../../src/messaging/outbox';
import { lockAbandonedCarts, markAbandonmentAnnounced } from '../../infrastructure/cart/cart.repository';
import { cartView } from './cart-view';

const BATCH = 50;

/**
 * Records CartAbandoned for carts with lines left untouched for `afterHours`, once per state of the cart (the
 * cart's updated_at), with the lines priced as they are now. Returns how many it announced.
 */
export async function announceAbandonedCarts(db: Knex, afterHours: number): Promise<number> {
  return db.transaction(async (trx) => {
    const carts = await lockAbandonedCarts(trx, new Date(Date.now() - afterHours * 3600_000), BATCH);
    for (const cart of carts) {
      const priced = await cartView(trx, cart.customerId, cart);
      const currency = priced.currency ?? '';
      await recordEvent(trx, CartStream, cart.id, 'cartAbandoned', {
        cartId: cart.id,
        customerId: cart.customerId,
        lines: priced.lines.map((line) => ({
          productId: line.productId,
          variantId: line.variantId,
          name: line.name,
          quantity: line.quantity,
          unitPrice: { amountMinor: line.unitPriceCents, currency },
          lineTotal: { amountMinor: line.lineTotalCents, currency },
        })),
        subtotal: { amountMinor: priced.subtotalCents, currency },
        lastTouchedAt: cart.updatedAt.toISOString(),
      });
      await markAbandonmentAnnounced(trx, cart.id);
    }
    return carts.length;
  });
}
