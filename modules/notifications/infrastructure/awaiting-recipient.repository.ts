import type { Knex } from 'knex';
import type { TemplateMessage } from '../domain/templates/template-message';
import { AwaitingRecipientModel } from './awaiting-recipient.model';

export interface HeldMessage {
  sourceEventId: string;
  userId: string;
  message: TemplateMessage;
  correlationId: string | null;
}

/** Keeps messages for users this module does not know yet; once per source event. */
export async function holdForRecipients(trx: Knex.Transaction, held: readonly HeldMessage[]): Promise<void> {
  if (held.length === 0) return;
  await AwaitingRecipientModel.query(trx)
    .insert(held.map((h) => ({ sourceEventId: h.sourceEventId, userId: h.userId, template: h.message.template, data: h.message.data, correlationId: h.correlationId })))
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
