import { setTimeout as sleep } from 'node:timers/promises';
import type { Outages } from '../../../src/health/outages';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Knex } from 'knex';
import { NotificationStream } from '../../../proto/streams';
import type { Logger } from '../../../src/logging/logger';
import type { EventCause } from '../../../src/messaging/event-cause';
import { recordEvents } from '../../../src/messaging/outbox';
import { outcomeOfAttempt, type AttemptResult, type RetryPolicy } from '../domain/backoff';
import type { Notification } from '../domain/notification';
import { claimDue, lockAbandoned, lockNotifications, markFailed, markSent, scheduleRetry } from '../infrastructure/notification.repository';
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
  const attempts = await Promise.all(claimed.map(async (notification) => ({ notification, result: await attempt(deps, notification) })));
  try {
    await withRetries(deps, () => recordOutcomes(deps, attempts));
  } catch (error) {
    deps.logger.error({ err: error, notifications: attempts.length }, 'could not record delivery outcomes');
  }
  return claimed.length;
}

/** Sends one notification; what became of it (never throws: a failure is an outcome). */
async function attempt(deps: DispatcherDependencies, notification: Notification): Promise<AttemptResult> {
  try {
    await send(deps, notification);
    return { sent: true };
  } catch (error) {
    const permanent = error instanceof DeliveryError && error.permanent;
    notification.lastError = publicReason(notification.channel, error);
    deps.logger.warn({ err: error, notificationId: notification.id, attempt: notification.attempts }, 'notification delivery failed');
    return { sent: false, permanent };
  }
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

/**
 * Records a pass's outcomes in one transaction: the notifications locked, the sent ones marked in one statement and
 * announced in one outbox insert; a retry or a failure (rare) is written on its own. A notification taken over as
 * abandoned meanwhile keeps that decision.
 */
async function recordOutcomes(deps: DispatcherDependencies, attempts: ReadonlyArray<{ notification: Notification; result: AttemptResult }>): Promise<void> {
  if (attempts.length === 0) return;
  await deps.db.transaction(async (trx) => {
    const current = await lockNotifications(trx, attempts.map((a) => a.notification.id));
    const sent: Notification[] = [];
    for (const { notification: claimed, result } of attempts) {
      const now = current.get(claimed.id);
      if (!now || now.status !== 'SENDING' || now.attempts !== claimed.attempts) continue;
      const outcome = outcomeOfAttempt(result, claimed.attempts, deps.policy);
      if (outcome.kind === 'sent') sent.push(claimed);
      else if (outcome.kind === 'retry') await scheduleRetry(trx, claimed.id, claimed.lastError, outcome.delayMs);
      else await recordFailure(trx, claimed, claimed.lastError ?? 'delivery failed');
    }
    await markSent(trx, sent.map((n) => n.id));
    await recordEvents(
      trx,
      NotificationStream,
      sent.map((n) => ({ aggregateId: n.id, event: 'notificationSent' as const, payload: { ...eventFields(n), attempts: n.attempts }, cause: causeOf(n) })),
    );
  });
}

async function failAbandoned(deps: DispatcherDependencies): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const abandoned = await lockAbandoned(trx, deps.policy.sendingLeaseMs, deps.policy.batchSize);
    for (const notification of abandoned) {
      deps.logger.error({ notificationId: notification.id }, 'notification abandoned while sending');
      await recordFailure(trx, notification, ABANDONED_REASON);
    }
  });
}

async function recordFailure(trx: Knex.Transaction, notification: Notification, reason: string): Promise<void> {
  await markFailed(trx, notification.id, reason);
  await recordEvents(trx, NotificationStream, [
    {
      aggregateId: notification.id,
      event: 'notificationFailed',
      payload: { ...eventFields(notification), reason, attempts: notification.attempts },
      cause: causeOf(notification),
    },
  ]);
}

/** What a notification's events carry from the event that asked for it. */
function causeOf(notification: Notification): EventCause {
  return { correlationId: notification.correlationId ?? notification.sourceEventId, causationId: notification.sourceEventId, traceparent: undefined };
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
