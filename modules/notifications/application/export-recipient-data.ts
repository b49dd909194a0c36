import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { allPages } from '../../../src/paging/all-pages';
import { findRecipient } from '../infrastructure/recipient.repository';
import { getPreferences } from './get-preferences';
import { listNotifications } from './list-notifications';

/** Everything notifications holds about the user: the contact details it mails to, preferences, and every message. */
export async function exportRecipientData(db: Knex, userId: string) {
  const user: Principal = { userId, role: 'customer' };
  const recipient = await findRecipient(db, userId);
  return {
    contact: { email: recipient?.email ?? null, name: recipient?.name ?? null, phone: recipient?.phone ?? null },
    preferences: await getPreferences(db, userId),
    notifications: await allPages((cursor) => listNotifications(db, user, { limit: 100, cursor })),
  };
}
