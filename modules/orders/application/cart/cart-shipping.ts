import type { Knex } from 'knex';
import { isUuid } from '../../../../src/validation/uuid';
import { byVariant, priceItems, weightOf } from '../../domain/order-pricing';
import { OrderErrors } from '../../domain/orders.errors';
import { optionsServing, type Destination } from '../../domain/shipping/shipping-option';
import { findCart, lockCart, setCartShippingOption } from '../../infrastructure/cart/cart.repository';
import { findCatalogEntries } from '../../infrastructure/catalog.repository';
import { findDefaultAddress } from '../../infrastructure/customer-address.repository';
import { findOption, findShippingSetup } from '../../infrastructure/shipping/shipping.repository';
import { cartView, type CartView } from './cart-view';

export interface CartShippingOption {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
}

/**
 * The shipping options that deliver to the address (the one given, else the profile's default), each priced for
 * the cart as it is (its subtotal before discount, its weight), cheapest first — shown before one is chosen.
 */
export async function listCartShippingOptions(db: Knex, customerId: string, given: Partial<Destination>): Promise<CartShippingOption[]> {
  const to = given.country ? { country: given.country.toUpperCase(), postalCode: given.postalCode ?? '' } : await findDefaultAddress(db, customerId);
  if (!to) throw OrderErrors.shippingAddressRequired();
  const cart = await findCart(db, customerId);
  const lines = cart?.lines ?? [];
  const catalog = byVariant(await findCatalogEntries(db, lines.map((line) => line.variantId)));
  const known = lines.filter((line) => catalog.has(line.variantId) && !catalog.get(line.variantId)!.archived);
  const { lines: items, total } = known.length > 0 ? priceItems(known, catalog) : { lines: [], total: undefined };
  const { zones, options } = await findShippingSetup(db);
  const currency = total?.currency ?? options.find((option) => option.active)?.currency ?? 'EUR';
  const serving = optionsServing(zones, options, to, { subtotalMinor: total?.amountMinor ?? 0, currency, weightGrams: weightOf(items) });
  return serving.map(({ option, priceMinor }) => ({ id: option.id, name: option.name, priceMinor, currency: option.currency }));
}

/** Chooses the shipping option checkout will use; the cart shows the shipping and tax it gives (or why it cannot). */
export async function chooseCartShippingOption(db: Knex, customerId: string, shippingOptionId: string | null): Promise<CartView> {
  return db.transaction(async (trx) => {
    const cart = await lockCart(trx, customerId);
    if (shippingOptionId !== null) {
      const option = isUuid(shippingOptionId) ? await findOption(trx, shippingOptionId.toLowerCase()) : undefined;
      if (!option || !option.active) throw OrderErrors.shippingOptionUnavailable(shippingOptionId, 'no such shipping option');
    }
    await setCartShippingOption(trx, cart.id, shippingOptionId?.toLowerCase() ?? null);
    return cartView(trx, customerId, await findCart(trx, customerId));
  });
}
