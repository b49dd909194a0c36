import type { Knex } from 'knex';
import { eraseRecipients as eraseRecipientRows } from '../infrastructure/recipient.repository';

/** What notifications holds about erased users: their addresses, names and phones, and the bodies of their mail. */
export async function eraseRecipients(trx: Knex.Transaction, userIds: readonly string[]): Promise<void> {
  await eraseRecipientRows(trx, userIds);
}
