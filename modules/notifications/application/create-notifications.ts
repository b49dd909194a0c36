import { randomUUID } from 'node:crypto';
import { planDeliveries, type Recipient } from '../domain/notification';
import { renderTemplate } from '../domain/templates/render-template';
import type { TemplateMessage } from '../domain/templates/template-message';
import type { NewNotification } from '../infrastructure/notification.repository';

export interface NotificationSource {
  eventId: string;
  correlationId: string | null;
}

/** Renders the message for a known recipient: one PENDING notification per enabled channel, to be inserted. */
export function renderNotifications(recipient: Recipient, message: TemplateMessage, source: NotificationSource): NewNotification[] {
  const deliveries = planDeliveries(recipient, message.template, renderTemplate({ name: recipient.name }, message));
  return deliveries.map((d) => ({
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
  }));
}
