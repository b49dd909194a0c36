import type { Principal } from '../../../src/auth/principal';
import { OrderErrors } from '../domain/orders.errors';
import type { OrdersSettings } from './orders-settings';

/** Refuses (403) an order from a caller whose email address is not verified, unless the shop allows it. */
export function requireVerifiedBuyer(caller: Principal, settings: Pick<OrdersSettings, 'checkoutRequiresVerifiedEmail'>): void {
  if (caller.unverified && settings.checkoutRequiresVerifiedEmail) throw OrderErrors.emailNotVerified();
}
