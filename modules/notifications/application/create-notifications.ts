import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { planDeliveries, type Recipient } from '../domain/notification';
import { renderTemplate } from '../domain/templates/render-template';
import type { TemplateMessage } from '../domain/templates/template-message';
import { insertNotifications } from '../infrastructure/notification.repository';

export interface NotificationSource {
  eventId: string;
  correlationId: string | null;
}

/** Renders the message for a known recipient and records one PENDING notification per enabled channel. */
export async function createNotifications(
  trx: Knex.Transaction,
  recipient: Recipient,
  message: TemplateMessage,
  source: NotificationSource,
): Promise<void> {
  const deliveries = planDeliveries(recipient, renderTemplate({ name: recipient.name }, message));
  if (deliveries.length === 0) return;
  await insertNotifications(
    trx,
    deliveries.map((d) => ({
      id: randomUUID(),
      userId: recipient.userId,
      channel: d.channel,
      template: message.template,
      sourceEventId: source.eventId,
      correlationId: source.correlationId,
      recipient: d.to,
      subject: d.subject,
      bodyText: d.text,
      bodyHtml: d.html,
    })),
  );
}
