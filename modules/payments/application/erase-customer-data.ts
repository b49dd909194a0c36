import type { Knex } from 'knex';
import { eraseCustomerPayments } from '../infrastructure/customer-erasure.repository';

/** What payments holds about erased customers: card details (the accounting record stays). */
export async function eraseCustomerData(trx: Knex.Transaction, customerIds: readonly string[]): Promise<void> {
  await eraseCustomerPayments(trx, customerIds);
}
