import type { Knex } from 'knex';
import { isKnown, type Preferences } from '../domain/notification';
import { NotificationErrors } from '../domain/notifications.errors';
import { lockRecipient, savePreferences } from '../infrastructure/recipient.repository';

/**
 * Changes which channels the caller is notified on. Applies to notifications recorded from now on.
 * A user whose registration has not reached this module yet may already choose; their profile fills in later.
 */
export async function updatePreferences(db: Knex, userId: string, change: Partial<Preferences>): Promise<Preferences> {
  return db.transaction(async (trx) => {
    const recipient = (await lockRecipient(trx, userId)).toRecipient();
    if (change.sms === true && isKnown(recipient) && !recipient.phone) {
      throw NotificationErrors.phoneRequired();
    }
    const preferences: Preferences = { ...recipient.preferences, ...definedOnly(change) };
    await savePreferences(trx, userId, preferences);
    return preferences;
  });
}

function definedOnly(change: Partial<Preferences>): Partial<Preferences> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
