import type { Knex } from 'knex';
import { PeriodicTask } from '../../../../src/jobs/periodic-task';
import { isSuccess, nextStep, type NextStep } from '../../domain/webhooks/delivery-policy';
import type { WebhookDelivery } from '../../domain/webhooks/webhook-delivery';
import { liveSecrets, shouldDisable, type WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint';
import { webhookSignature } from '../../domain/webhooks/webhook-signature';
import {
  claimLaneRuns,
  deleteFinishedBefore,
  endpointsWithDueDeliveries,
  recordAttempts,
  releaseClaims,
  type AttemptRecord,
  type ClaimedDelivery,
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
 * each one a worker of its own, so a slow or failing endpoint only ever holds up itself. A worker claims runs of its
 * endpoint's lanes (an aggregate's deliveries in order: the next is sent only once the one before succeeded or was
 * given up), up to `concurrencyPerEndpoint` lanes at once, POSTs each signed afresh with its own timestamp, and
 * records what came back in the background; it claims again until nothing is due.
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

/** How many deliveries of a lane one claim takes, sent one after another. */
const LANE_RUN = 50;
/** How long answers may gather before they are recorded while other lanes are still out. */
const GATHER_MS = 20;
/**
 * How many of an endpoint's oldest pending deliveries a claim looks at first, per lane the endpoint may have out:
 * sized by the whole limit, not the room left, since the lanes already out hold rows of the window too.
 */
const CLAIM_WINDOW_PER_LANE = 20;

/**
 * Attempts to one endpoint until nothing of it is due (or the process stops), up to `concurrencyPerEndpoint` lanes
 * (so requests) at once. A lane's claimed run is sent in order, each delivery once the one before succeeded; at the
 * first that does not, the rest of the run is given back unsent. Finished attempts are recorded in the background,
 * one transaction at a time for all that finished meanwhile, while the freed room is filled with newly due lanes
 * (a lane's next run becomes due once this one's attempts are recorded), so one slow answer holds up only its own
 * lane and recording never stalls sending.
 */
async function deliverDue(deps: WebhooksDependencies, endpointId: string, stopping: () => boolean): Promise<void> {
  // A run goes on only while one more attempt, timed out in full, would still end well within its lease.
  const leaseMs = deps.settings.timeoutMs * 2 + 30_000;
  const sendWithinMs = leaseMs - deps.settings.timeoutMs - 15_000;
  const limit = deps.settings.concurrencyPerEndpoint;
  const lanes = new Set<Promise<void>>();
  const finished: Attempted[] = [];
  const unsent: WebhookDelivery[] = [];
  let endpoint = await findEndpoint(deps.db, endpointId);
  let recording: Promise<void> | undefined;
  let recorded = 0;
  let recordSoon: NodeJS.Timeout | undefined;
  const record = (): Promise<void> => {
    clearTimeout(recordSoon);
    recordSoon = undefined;
    recording ??= (async () => {
      while ((finished.length > 0 || unsent.length > 0) && endpoint) {
        const attempts = finished.splice(0);
        const released = unsent.splice(0);
        const recordedFor = endpoint;
        endpoint = await deps.db.transaction(async (trx) => {
          await releaseClaims(trx, released);
          return attempts.length > 0 ? recordRound(deps, trx, recordedFor, attempts) : recordedFor;
        });
        recorded += attempts.length + released.length;
      }
    })().finally(() => {
      recording = undefined;
    });
    return recording;
  };
  try {
    while (endpoint?.enabled && !stopping()) {
      const room = limit - lanes.size;
      const idle = lanes.size === 0 && finished.length === 0 && unsent.length === 0 && !recording;
      const claimed = room > 0 ? await claimDue(deps.db, endpointId, room, limit * CLAIM_WINDOW_PER_LANE, leaseMs, idle) : [];
      if (claimed.length === 0 && lanes.size === 0) {
        // Nothing due and nothing out: done, unless recording what came back makes the next of some lane due.
        const before = recorded;
        await record();
        if (recorded === before) return;
        continue;
      }
      const secrets = liveSecrets(endpoint.secrets, new Date()).map((secret) => deps.sealed.open(secret.sealed));
      const sendTo = endpoint;
      for (const run of laneRuns(claimed, unsent)) {
        const sendBy = Date.now() + sendWithinMs;
        const mayGoOn = () => Date.now() <= sendBy && !stopping() && endpoint?.enabled === true;
        const sending: Promise<void> = sendRun(deps, sendTo, secrets, run, mayGoOn, finished, unsent).finally(() => lanes.delete(sending));
        lanes.add(sending);
      }
      if (lanes.size > 0) await Promise.race(lanes);
      // Records at once when nothing is out or much came back; else lets answers arriving together gather briefly.
      if (lanes.size === 0 || finished.length >= limit / 4) void record();
      else recordSoon ??= setTimeout(() => void record(), GATHER_MS);
      // Bounds what is answered but not yet recorded (a slow database): sending waits for the recording.
      if (finished.length > limit * LANE_RUN) await record();
    }
  } finally {
    await Promise.all(lanes);
    await record();
  }
}

/**
 * Claims due lane runs among the endpoint's oldest pending deliveries; when the worker holds nothing (`idle`) and
 * none of those is due (lanes waiting out their backoff), among all of them, so a lane in backoff with a long queue
 * never hides the due lanes behind it.
 */
async function claimDue(db: Knex, endpointId: string, room: number, window: number, leaseMs: number, idle: boolean): Promise<ClaimedDelivery[]> {
  const claimed = await claimLaneRuns(db, endpointId, room, LANE_RUN, leaseMs, window);
  return claimed.length === 0 && idle ? claimLaneRuns(db, endpointId, room, LANE_RUN, leaseMs) : claimed;
}

/**
 * The claimed deliveries as runs per lane, each from its head with no gap (a row skipped because another
 * dispatcher held it); what follows a gap goes to `unsent`.
 */
function laneRuns(claimed: readonly ClaimedDelivery[], unsent: WebhookDelivery[]): WebhookDelivery[][] {
  const byLane = new Map<string, ClaimedDelivery[]>();
  for (const item of claimed) {
    const lane = byLane.get(item.delivery.aggregateId) ?? [];
    lane.push(item);
    byLane.set(item.delivery.aggregateId, lane);
  }
  const runs: WebhookDelivery[][] = [];
  for (const items of byLane.values()) {
    const gap = items.findIndex((item, index) => item.position !== index + 1);
    const contiguous = gap === -1 ? items : items.slice(0, gap);
    unsent.push(...items.slice(contiguous.length).map((item) => item.delivery));
    if (contiguous.length > 0) runs.push(contiguous.map((item) => item.delivery));
  }
  return runs;
}

/**
 * Sends a lane's run in order; after the first attempt that does not succeed, or once it may not go on (the claim's
 * lease must outlast every attempt; the endpoint was disabled; the process stops), the rest go back unsent.
 */
async function sendRun(
  deps: WebhooksDependencies,
  endpoint: WebhookEndpoint,
  secrets: readonly string[],
  run: readonly WebhookDelivery[],
  mayGoOn: () => boolean,
  finished: Attempted[],
  unsent: WebhookDelivery[],
): Promise<void> {
  for (const [index, delivery] of run.entries()) {
    if (index > 0 && !mayGoOn()) {
      unsent.push(...run.slice(index));
      return;
    }
    const response = await attempt(deps, endpoint, secrets, delivery);
    finished.push({ delivery, response });
    if (!isSuccess(response)) {
      unsent.push(...run.slice(index + 1));
      return;
    }
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

/** Records attempts and the endpoint's run of failures (disabling it when that run is too long); returns the endpoint as it now is. */
async function recordRound(
  deps: WebhooksDependencies,
  trx: Knex.Transaction,
  endpoint: WebhookEndpoint,
  attempts: readonly Attempted[],
): Promise<WebhookEndpoint | undefined> {
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
    return { ...after, enabled: false, disabledReason: reason };
  }
  return after;
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
