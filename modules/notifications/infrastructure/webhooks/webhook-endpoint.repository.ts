import type { Knex } from 'knex';
import type { NewestFirstPosition } from '../../../../src/paging/keyset';
import type { EndpointSecret, WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { storedSecrets, WebhookEndpointModel } from './webhook-endpoint.model';

export interface NewEndpoint {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  secrets: EndpointSecret[];
}

export async function insertEndpoint(db: Knex, endpoint: NewEndpoint): Promise<WebhookEndpoint> {
  const [row] = await db('webhook_endpoints')
    .insert({ id: endpoint.id, url: endpoint.url, event_types: endpoint.eventTypes, description: endpoint.description, secrets: storedSecrets(endpoint.secrets) })
    .returning('*');
  return WebhookEndpointModel.fromDatabaseJson(row).toEndpoint();
}

export async function findEndpoint(db: Knex, id: string): Promise<WebhookEndpoint | undefined> {
  return (await WebhookEndpointModel.query(db).findById(id))?.toEndpoint();
}

export async function lockEndpoint(trx: Knex.Transaction, id: string): Promise<WebhookEndpoint | undefined> {
  return (await WebhookEndpointModel.query(trx).findById(id).forUpdate())?.toEndpoint();
}

/** Newest first, after `after`. */
export async function listEndpoints(db: Knex, after: NewestFirstPosition | undefined, rows: number): Promise<WebhookEndpoint[]> {
  const query = WebhookEndpointModel.query(db).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(rows);
  if (after) query.whereRaw('(created_at, id) < (?, ?)', [after[0], after[1]]);
  return (await query).map((row) => row.toEndpoint());
}

export interface EndpointChanges {
  url?: string;
  eventTypes?: string[];
  description?: string;
  enabled?: boolean;
  secrets?: EndpointSecret[];
}

/** Applies the changes; enabling an endpoint clears its run of failures and why it was disabled. */
export async function updateEndpoint(trx: Knex.Transaction, id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
  const [row] = await trx('webhook_endpoints')
    .where({ id })
    .update({
      ...(changes.url !== undefined && { url: changes.url }),
      ...(changes.eventTypes !== undefined && { event_types: changes.eventTypes }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.secrets !== undefined && { secrets: storedSecrets(changes.secrets) }),
      ...(changes.enabled === true && { enabled: true, disabled_reason: null, consecutive_failures: 0, failing_since: null }),
      ...(changes.enabled === false && { enabled: false, disabled_reason: 'disabled by an admin' }),
      updated_at: trx.fn.now(),
    })
    .returning('*');
  return WebhookEndpointModel.fromDatabaseJson(row).toEndpoint();
}

export async function deleteEndpoint(db: Knex, id: string): Promise<boolean> {
  return (await db('webhook_endpoints').where({ id }).delete()) > 0;
}

/** Whether any endpoint is enabled: the webhooks' fan-out runs only then. */
export async function anyEndpointEnabled(db: Knex): Promise<boolean> {
  const { rows } = await db.raw<{ rows: Array<{ any: boolean }> }>(`select exists (select 1 from webhook_endpoints where enabled) as any`);
  return rows[0].any;
}

/** The enabled endpoints, what they subscribe to and since when: whom a consumed event fans out to. */
export async function enabledSubscriptions(trx: Knex.Transaction): Promise<Array<Pick<WebhookEndpoint, 'id' | 'eventTypes' | 'createdAt'>>> {
  const rows = await trx('webhook_endpoints').where({ enabled: true }).select('id', 'event_types', 'created_at');
  return rows.map((row: { id: string; event_types: string[]; created_at: Date }) => ({ id: row.id, eventTypes: row.event_types, createdAt: row.created_at }));
}

/**
 * Records a round of attempts to one endpoint: any success ends its run of failures; otherwise the failures are
 * added to the run (which starts now if there was none). Returns the endpoint as it then is.
 */
export async function recordEndpointAttempts(trx: Knex.Transaction, id: string, round: { succeeded: boolean; failures: number }): Promise<WebhookEndpoint | undefined> {
  const [row] = round.succeeded
    ? await trx('webhook_endpoints').where({ id }).update({ consecutive_failures: 0, failing_since: null }).returning('*')
    : await trx('webhook_endpoints')
        .where({ id })
        .update({ consecutive_failures: trx.raw('consecutive_failures + ?', [round.failures]), failing_since: trx.raw('coalesce(failing_since, now())') })
        .returning('*');
  return row ? WebhookEndpointModel.fromDatabaseJson(row).toEndpoint() : undefined;
}

export async function disableEndpoint(trx: Knex.Transaction, id: string, reason: string): Promise<void> {
  await trx('webhook_endpoints').where({ id }).update({ enabled: false, disabled_reason: reason, updated_at: trx.fn.now() });
}
