import type { Knex } from 'knex';
import type { TemplateMessage } from '../domain/templates/template-message';
import { AwaitingRecipientModel } from './awaiting-recipient.model';

/** Keeps a message for a user this module does not know yet; once per source event. */
export async function holdForRecipient(
  trx: Knex.Transaction,
  held: { sourceEventId: string; userId: string; message: TemplateMessage; correlationId: string | null },
): Promise<void> {
  await AwaitingRecipientModel.query(trx)
    .insert({ sourceEventId: held.sourceEventId, userId: held.userId, template: held.message.template, data: held.message.data, correlationId: held.correlationId })
    .onConflict('source_event_id')
    .ignore();
}

/** Locks the messages held for a user, oldest first. */
export async function lockHeldMessages(trx: Knex.Transaction, userId: string): Promise<AwaitingRecipientModel[]> {
  return AwaitingRecipientModel.query(trx).where('user_id', userId).orderBy('created_at').forUpdate();
}

export async function releaseHeldMessages(trx: Knex.Transaction, sourceEventIds: string[]): Promise<void> {
  if (sourceEventIds.length > 0) await AwaitingRecipientModel.query(trx).whereIn('source_event_id', sourceEventIds).delete();
}
