import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { insertNotifications } from '../../infrastructure/notification.repository';
import { adminRecipients } from '../../infrastructure/recipient.repository';
import { renderNotifications } from '../create-notifications';

/** Emails every admin that an endpoint was disabled, with why, in the transaction that disabled it. */
export async function alertAdminsOfDisabledEndpoint(trx: Knex.Transaction, endpoint: Pick<WebhookEndpoint, 'id' | 'url' | 'disabledReason'>): Promise<void> {
  const admins = await adminRecipients(trx);
  const message = {
    template: 'webhook-endpoint-disabled' as const,
    data: { endpointId: endpoint.id, url: endpoint.url, reason: endpoint.disabledReason ?? 'it kept failing' },
  };
  await insertNotifications(
    trx,
    admins.flatMap((admin) => renderNotifications(admin.toRecipient(), message, { eventId: randomUUID(), correlationId: null })),
  );
}
