import type { Knex } from 'knex';
import { isKnown } from '../domain/notification';
import type { TemplateMessage } from '../domain/templates/template-message';
import { holdForRecipients, type HeldMessage } from '../infrastructure/awaiting-recipient.repository';
import { insertNotifications, type NewNotification } from '../infrastructure/notification.repository';
import { lockRecipients } from '../infrastructure/recipient.repository';
import { renderNotifications } from './create-notifications';

/** What to tell a user, because of which event, in which conversation. */
export interface QueuedMessage {
  /** Lower case, as an event reader gives it. */
  userId: string;
  message: TemplateMessage;
  sourceEventId: string;
  correlationId: string | null;
}

/**
 * Records what to tell each user: the recipients are locked (created empty if unknown) in one statement, the
 * messages rendered, and the notifications and held messages inserted in one statement each. Order and payment
 * events travel on other topics than the user's registration and may overtake it; then the message waits until
 * the recipient is known.
 */
export async function queueNotifications(trx: Knex.Transaction, queued: readonly QueuedMessage[]): Promise<void> {
  const recipients = await lockRecipients(trx, queued.map((q) => q.userId));
  const notifications: NewNotification[] = [];
  const held: HeldMessage[] = [];
  for (const { userId, message, sourceEventId, correlationId } of queued) {
    const recipient = recipients.get(userId)!.toRecipient();
    if (isKnown(recipient)) notifications.push(...renderNotifications(recipient, message, { eventId: sourceEventId, correlationId }));
    else held.push({ sourceEventId, userId, message, correlationId });
  }
  await insertNotifications(trx, notifications);
  await holdForRecipients(trx, held);
}
