import type { Knex } from 'knex';
import { DEFAULT_PREFERENCES, type Preferences } from '../domain/notification';
import { findRecipient } from '../infrastructure/recipient.repository';

export async function getPreferences(db: Knex, userId: string): Promise<Preferences> {
  const recipient = await findRecipient(db, userId);
  return recipient ? recipient.toRecipient().preferences : { ...DEFAULT_PREFERENCES };
}
