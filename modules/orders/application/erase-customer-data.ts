import type { Knex } from 'knex';
import { eraseDefaultAddresses } from '../infrastructure/customer-address.repository';
import { eraseCustomerOrders } from '../infrastructure/customer-erasure.repository';

/** What orders holds about erased customers: default addresses, carts, and the addresses on their orders. */
export async function eraseCustomerData(trx: Knex.Transaction, customerIds: readonly string[]): Promise<void> {
  await eraseCustomerOrders(trx, customerIds);
  await eraseDefaultAddresses(trx, customerIds);
}
