import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { allPages } from '../../../src/paging/all-pages';
import { findDefaultAddress } from '../infrastructure/customer-address.repository';
import { getCart } from './cart/get-cart';
import { listOrders } from './list-orders';

/** Everything orders holds about the customer: their orders, their cart, and the copy of their default address. */
export async function exportCustomerData(db: Knex, customerId: string) {
  const customer: Principal = { userId: customerId, role: 'customer' };
  return {
    orders: await allPages((cursor) => listOrders(db, customer, { limit: 100, cursor })),
    cart: await getCart(db, customerId),
    defaultShippingAddress: (await findDefaultAddress(db, customerId)) ?? null,
  };
}
