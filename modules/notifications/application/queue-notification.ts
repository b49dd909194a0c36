import type { Knex } from 'knex';
import { currentContext } from '../../../src/context/request-context';
import { malformedEvent } from '../../../src/messaging/event-fields';
import { isUuid } from '../../../src/validation/uuid';
import { isKnown } from '../domain/notification';
import type { TemplateMessage } from '../domain/templates/template-message';
import { holdForRecipient } from '../infrastructure/awaiting-recipient.repository';
import { lockRecipient } from '../infrastructure/recipient.repository';
import { createNotifications } from './create-notifications';

/**
 * Records what to tell `userId` about `sourceEventId`. Order and payment events travel on other topics than
 * the user's registration and may overtake it; then the message waits until the recipient is known.
 */
export async function queueNotification(
  trx: Knex.Transaction,
  userId: string,
  message: TemplateMessage,
  sourceEventId: string,
): Promise<void> {
  if (!isUuid(userId)) {
    throw malformedEvent(`event ${sourceEventId} names no valid user id ('${userId}')`);
  }
  const correlationId = currentContext()?.correlationId ?? null;
  const recipient = (await lockRecipient(trx, userId)).toRecipient();
  if (!isKnown(recipient)) {
    await holdForRecipient(trx, { sourceEventId, userId, message, correlationId });
    return;
  }
  await createNotifications(trx, recipient, message, { eventId: sourceEventId, correlationId });
}
