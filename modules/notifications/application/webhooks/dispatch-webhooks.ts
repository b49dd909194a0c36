import type { Knex } from 'knex';
import { PeriodicTask } from '../../../../src/jobs/periodic-task';
import { nextStep, type NextStep } from '../../domain/webhooks/delivery-policy';
import type { WebhookDelivery } from '../../domain/webhooks/webhook-delivery';
import { liveSecrets, shouldDisable, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { webhookSignature } from '../../domain/webhooks/webhook-signature';
import {
  claimLaneHeads,
  deleteFinishedBefore,
  endpointsWithDueDeliveries,
  recordAttempts,
  type AttemptRecord,
} from '../../infrastructure/webhooks/webhook-delivery.repository';
import { disableEndpoint, findEndpoint, recordEndpointAttempts } from '../../infrastructure/webhooks/webhook-endpoint.repository';
import { alertAdminsOfDisabledEndpoint } from './alert-admins';
import type { WebhookResponse } from './webhook-transport.port';
import type { WebhooksDependencies } from './webhooks-dependencies';

/** Background work with a start and a stop that waits for what is in flight. */
export interface BackgroundWork {
  start(): void;
  stop(): Promise<void>;
}

const CLEANUP_EVERY_MS = 60_000;
const CLEANUP_BATCH = 10_000;

/**
 * Delivers queued webhooks. Every `dispatchIntervalMs` it looks for enabled endpoints with deliveries due and gives
 * each one a worker of its own, so a slow or failing endpoint only ever holds up itself. A worker claims the due
 * heads of its endpoint's lanes (one delivery per aggregate: the next of an aggregate waits for this one to succeed
 * or be given up), up to `concurrencyPerEndpoint`, POSTs them at once, each signed afresh with its own timestamp,
 * and records the round in one transaction; then claims again until nothing is due.
 *
 * Delivery is at least once: a claim is a lease; a process that dies mid-attempt leaves the delivery to be tried
 * again when the lease runs out, with the same `webhook-id` for the receiver to drop the duplicate.
 */
export function createWebhookDispatcher(deps: WebhooksDependencies): BackgroundWork {
  const workers = new Map<string, Promise<void>>();
  let stopping = false;
  let lastCleanup = 0;
  const task = new PeriodicTask({
    name: 'webhook-dispatch',
    intervalMs: deps.settings.dispatchIntervalMs,
    logger: deps.logger,
    outages: deps.outages,
    runAtStart: true,
    work: async () => {
      for (const endpointId of await endpointsWithDueDeliveries(deps.db)) {
        if (stopping || workers.has(endpointId)) continue;
        const worker = deliverDue(deps, endpointId, () => stopping)
          .catch((error: unknown) => {
            if (!deps.outages.failed(error)) deps.logger.error({ err: error, endpointId }, 'webhook worker failed');
          })
          .finally(() => workers.delete(endpointId));
        workers.set(endpointId, worker);
      }
      if (Date.now() - lastCleanup > CLEANUP_EVERY_MS) {
        lastCleanup = Date.now();
        await deleteFinishedBefore(deps.db, new Date(Date.now() - deps.settings.logRetentionMs), CLEANUP_BATCH);
      }
    },
  });
  return {
    start: () => task.start(),
    stop: async () => {
      stopping = true;
      await task.stop();
      await Promise.all(workers.values());
    },
  };
}

/**
 * Attempts to one endpoint until nothing of it is due (or the process stops): up to `concurrencyPerEndpoint` in
 * flight at all times. Finished attempts are recorded in one transaction per batch, in order, while the freed room
 * is filled with newly due lane heads (a lane's next delivery becomes due only once its head's attempt is
 * recorded), so one slow answer holds up only its own lane and recording never stalls sending.
 */
async function deliverDue(deps: WebhooksDependencies, endpointId: string, stopping: () => boolean): Promise<void> {
  const leaseMs = deps.settings.timeoutMs + 30_000;
  const limit = deps.settings.concurrencyPerEndpoint;
  const inFlight = new Set<Promise<void>>();
  const finished: Attempted[] = [];
  let endpoint = await findEndpoint(deps.db, endpointId);
  let recording: Promise<void> = Promise.resolve();
  let unrecorded = 0;
  const record = () => {
    const attempts = finished.splice(0);
    if (attempts.length === 0 || !endpoint) return;
    const recordedFor = endpoint;
    unrecorded += attempts.length;
    recording = recording.then(async () => {
      await deps.db.transaction((trx) => recordRound(deps, trx, recordedFor, attempts));
      unrecorded -= attempts.length;
      endpoint = await findEndpoint(deps.db, recordedFor.id);
    });
  };
  try {
    while (endpoint?.enabled && !stopping()) {
      const room = limit - inFlight.size;
      const claimed = room > 0 ? await claimLaneHeads(deps.db, endpointId, room, leaseMs) : [];
      if (claimed.length === 0 && inFlight.size === 0) {
        // Nothing due and nothing out: done, unless recording what came back makes the next of some lane due.
        const recordedSomething = unrecorded > 0 || finished.length > 0;
        record();
        await recording;
        if (!recordedSomething) return;
        continue;
      }
      const secrets = liveSecrets(endpoint.secrets, new Date()).map((secret) => deps.sealed.open(secret.sealed));
      for (const delivery of claimed) {
        const sending: Promise<void> = attempt(deps, endpoint, secrets, delivery)
          .then((response) => void finished.push({ delivery, response }))
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      if (finished.length === 0 && inFlight.size > 0) await Promise.race(inFlight);
      record();
      if (unrecorded > limit) await recording;
    }
  } finally {
    await Promise.all(inFlight);
    record();
    await recording;
  }
}

interface Attempted {
  delivery: WebhookDelivery;
  response: WebhookResponse;
}

async function attempt(deps: WebhooksDependencies, endpoint: WebhookEndpoint, secrets: readonly string[], delivery: WebhookDelivery): Promise<WebhookResponse> {
  const timestamp = Math.floor(Date.now() / 1000);
  return deps.transport.post({
    url: endpoint.url,
    body: delivery.body,
    headers: {
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(secrets, delivery.eventId, timestamp, delivery.body),
    },
  });
}

async function recordRound(
  deps: WebhooksDependencies,
  trx: Knex.Transaction,
  endpoint: WebhookEndpoint,
  attempts: readonly Attempted[],
): Promise<void> {
  const now = new Date();
  const records: AttemptRecord[] = attempts.map(({ delivery, response }) =>
    attemptRecord(delivery, response, nextStep(response, delivery.attempts, delivery.createdAt, now, retryPolicy(deps), Math.random())),
  );
  await recordAttempts(trx, records);
  const failures = records.filter((r) => r.status !== 'SUCCEEDED').length;
  const after = await recordEndpointAttempts(trx, endpoint.id, { succeeded: failures < records.length, failures });
  if (after && shouldDisable(after, { failures: deps.settings.disableAfterFailures, afterMs: deps.settings.disableAfterMs }, now)) {
    const reason = `disabled after ${after.consecutiveFailures} failed attempts in a row since ${after.failingSince!.toISOString()}`;
    await disableEndpoint(trx, endpoint.id, reason);
    await alertAdminsOfDisabledEndpoint(trx, { ...after, disabledReason: reason });
    deps.logger.warn({ endpointId: endpoint.id, url: endpoint.url, failures: after.consecutiveFailures }, 'webhook endpoint disabled');
  }
}

function attemptRecord(delivery: WebhookDelivery, response: WebhookResponse, step: NextStep): AttemptRecord {
  const error =
    step.kind === 'failed' ? step.reason : response.kind === 'answered' && step.kind === 'retry' ? `the endpoint answered ${response.status}` : (response.error ?? null);
  return {
    id: delivery.id,
    attempts: delivery.attempts,
    status: step.kind === 'succeeded' ? 'SUCCEEDED' : step.kind === 'failed' ? 'FAILED' : 'PENDING',
    nextAttemptAt: step.kind === 'retry' ? step.at : null,
    statusCode: response.kind === 'answered' ? response.status : null,
    durationMs: response.durationMs,
    error: step.kind === 'succeeded' ? null : error,
    excerpt: response.excerpt ?? null,
  };
}

function retryPolicy(deps: WebhooksDependencies) {
  return { retryBaseMs: deps.settings.retryBaseMs, maxDelayMs: deps.settings.maxRetryDelayMs, horizonMs: deps.settings.horizonMs };
}
