import { setTimeout as sleep } from 'node:timers/promises';
import type { Outages } from '../../../src/health/outages';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Knex } from 'knex';
import { NotificationStream } from '../../../proto/streams';
import { runInContext } from '../../../src/context/request-context';
import type { Logger } from '../../../src/logging/logger';
import { recordEvent } from '../../../src/messaging/outbox';
import { outcomeOfAttempt, type AttemptResult, type RetryPolicy } from '../domain/backoff';
import type { Notification } from '../domain/notification';
import { claimDue, lockAbandoned, lockNotification, markFailed, markSent, scheduleRetry } from '../infrastructure/notification.repository';
import { DeliveryError, type EmailSender, type SmsSender } from './message-senders.port';

export interface DispatchPolicy extends RetryPolicy {
  intervalMs: number;
  batchSize: number;
  /** How long a SENDING claim may last before its dispatcher is presumed dead; well above the SMTP timeouts. */
  sendingLeaseMs: number;
}

export const ABANDONED_REASON = 'Interrupted while sending: the outcome is unknown, so it is not retried to avoid a duplicate';

/**
 * Delivers recorded notifications outside the consumers' transactions.
 *
 * Exactly one message per notification is the aim; the inbox gives one notification per event and channel,
 * and each send is bracketed by two commits: PENDING → SENDING (claimed, attempt counted) before calling the
 * provider, then SENDING → SENT / PENDING (retry) / FAILED right after. The only window for a lost outcome
 * is a crash between the provider accepting the message and the second commit. Such a row stays SENDING; after
 * `sendingLeaseMs` it is marked FAILED rather than resent, preferring a missed message to a duplicate (emails
 * also carry a Message-ID derived from the notification id, so mail systems can drop duplicates).
 */
export function createNotificationDispatcher(deps: DispatcherDependencies): PeriodicTask {
  return new PeriodicTask({
    name: 'notification-dispatch',
    intervalMs: deps.policy.intervalMs,
    logger: deps.logger,
    outages: deps.outages,
    runAtStart: true,
    // A full batch means more may be due: run again at once.
    work: async () => (await dispatchDue(deps)) === deps.policy.batchSize,
  });
}

export interface DispatcherDependencies {
  db: Knex;
  email: EmailSender;
  sms: SmsSender;
  logger: Logger;
  outages: Outages;
  policy: DispatchPolicy;
}

/** One pass over the queue; returns how many notifications it tried to deliver. */
async function dispatchDue(deps: DispatcherDependencies): Promise<number> {
  await failAbandoned(deps);
  const claimed = await claimDue(deps.db, deps.policy.batchSize);
  const results = await Promise.allSettled(claimed.map((notification) => deliver(deps, notification)));
  for (const r of results) {
    if (r.status === 'rejected') deps.logger.error({ err: r.reason }, 'could not record a delivery outcome');
  }
  return claimed.length;
}

async function deliver(deps: DispatcherDependencies, notification: Notification): Promise<void> {
  let result: AttemptResult = { sent: true };
  try {
    await send(deps, notification);
  } catch (error) {
    const permanent = error instanceof DeliveryError && error.permanent;
    result = { sent: false, permanent };
    notification.lastError = publicReason(notification.channel, error);
    deps.logger.warn({ err: error, notificationId: notification.id, attempt: notification.attempts }, 'notification delivery failed');
  }
  await withRetries(deps, () => recordOutcome(deps, notification, result));
}

async function send(deps: DispatcherDependencies, notification: Notification): Promise<void> {
  if (notification.channel === 'email') {
    await deps.email.send({
      notificationId: notification.id,
      to: notification.recipient,
      subject: notification.subject,
      text: notification.bodyText,
      html: notification.bodyHtml ?? '',
    });
  } else {
    await deps.sms.send({ notificationId: notification.id, to: notification.recipient, text: notification.bodyText });
  }
}

async function recordOutcome(deps: DispatcherDependencies, claimed: Notification, result: AttemptResult): Promise<void> {
  await inContextOf(claimed, () =>
    deps.db.transaction(async (trx) => {
      const current = await lockNotification(trx, claimed.id);
      // Taken over as abandoned meanwhile: that decision stands.
      if (!current || current.status !== 'SENDING' || current.attempts !== claimed.attempts) return;
      const outcome = outcomeOfAttempt(result, claimed.attempts, deps.policy);
      if (outcome.kind === 'sent') {
        await markSent(trx, claimed.id);
        await recordEvent(trx, NotificationStream, claimed.id, 'notificationSent', {
          ...eventFields(claimed),
          attempts: claimed.attempts,
        });
      } else if (outcome.kind === 'retry') {
        await scheduleRetry(trx, claimed.id, claimed.lastError, outcome.delayMs);
      } else {
        await recordFailure(trx, claimed, claimed.lastError ?? 'delivery failed');
      }
    }),
  );
}

async function failAbandoned(deps: DispatcherDependencies): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const abandoned = await lockAbandoned(trx, deps.policy.sendingLeaseMs, deps.policy.batchSize);
    for (const notification of abandoned) {
      deps.logger.error({ notificationId: notification.id }, 'notification abandoned while sending');
      await inContextOf(notification, () => recordFailure(trx, notification, ABANDONED_REASON));
    }
  });
}

async function recordFailure(trx: Knex.Transaction, notification: Notification, reason: string): Promise<void> {
  await markFailed(trx, notification.id, reason);
  await recordEvent(trx, NotificationStream, notification.id, 'notificationFailed', {
    ...eventFields(notification),
    reason,
    attempts: notification.attempts,
  });
}

function inContextOf<T>(notification: Notification, work: () => Promise<T>): Promise<T> {
  return runInContext(
    { correlationId: notification.correlationId ?? notification.sourceEventId, causationId: notification.sourceEventId },
    work,
  );
}

/** Recording the outcome is what keeps a sent message from looking abandoned; ride out a brief database hiccup. */
async function withRetries(deps: DispatcherDependencies, work: () => Promise<void>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      deps.logger.warn({ err: error, attempt }, 'recording a delivery outcome failed, retrying');
      await sleep(200 * attempt);
    }
  }
}

/**
 * What the notification history (and NotificationFailed) says about a failed attempt: which provider, and what
 * it answered. The provider's own text, with host names and driver messages, goes only to the log.
 */
function publicReason(channel: Notification['channel'], error: unknown): string {
  const provider = channel === 'email' ? 'the mail server' : 'the SMS provider';
  if (!(error instanceof DeliveryError)) return `${provider} failed unexpectedly`;
  if (error.responseCode === undefined) return error.permanent ? `${provider} refused the message` : `${provider} could not be reached`;
  return `${provider} ${error.permanent ? 'refused' : 'deferred'} the message (${error.responseCode})`;
}

function eventFields(notification: Notification) {
  return {
    notificationId: notification.id,
    userId: notification.userId,
    channel: notification.channel,
    template: notification.template,
    sourceEventId: notification.sourceEventId,
  };
}
