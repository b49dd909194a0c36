import type { Knex } from 'knex';
import { saveRole } from '../infrastructure/recipient.repository';

/** Keeps the user's role in the read model: admins are who hears about a disabled webhook endpoint. */
export async function rememberRole(trx: Knex.Transaction, userId: string, role: string): Promise<void> {
  await saveRole(trx, userId, role);
}
