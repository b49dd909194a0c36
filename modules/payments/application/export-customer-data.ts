import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { allPages } from '../../../src/paging/all-pages';
import { listPayments } from './list-payments';

/** Everything payments holds about the customer: their payments with card details and refunds. */
export async function exportCustomerData(db: Knex, customerId: string) {
  const customer: Principal = { userId: customerId, role: 'customer' };
  return { payments: await allPages((cursor) => listPayments(db, customer, { limit: 100, cursor })) };
}
