import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Knex } from 'knex';
import { NotificationStream } from '../../../proto/streams';
import { runInContext } from '../../../src/context/request-context';
import type { Logger } from '../../../src/logging/logger';
import { recordEvent } from '../../../src/messaging/outbox';
import { outcomeOfAttempt, type AttemptResult, type RetryPolicy } from '../domain/backoff';
import { claimDue, lockAbandoned } from '../infrastructure/delivery-queue';
import { NotificationModel } from '../infrastructure/notification.model';
import { DeliveryError, type EmailSender, type SmsSender } from './message-senders';

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
export class NotificationDispatcher {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: { db: Knex; email: EmailSender; sms: SmsSender; logger: Logger; policy: DispatchPolicy },
  ) {
    this.task = new PeriodicTask({
      name: 'notification-dispatch',
      intervalMs: deps.policy.intervalMs,
      logger: deps.logger,
      runAtStart: true,
      work: async () => (await this.dispatchDue()) === deps.policy.batchSize,
    });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over the queue; returns how many notifications it tried to deliver. */
  async dispatchDue(): Promise<number> {
    await this.failAbandoned();
    const claimed = await claimDue(this.deps.db, this.deps.policy.batchSize);
    const results = await Promise.allSettled(claimed.map((notification) => this.deliver(notification)));
    for (const r of results) {
      if (r.status === 'rejected') this.deps.logger.error({ err: r.reason }, 'could not record a delivery outcome');
    }
    return claimed.length;
  }

  private async deliver(notification: NotificationModel): Promise<void> {
    let result: AttemptResult = { sent: true };
    try {
      await this.send(notification);
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      result = { sent: false, permanent };
      notification.lastError = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ err: error, notificationId: notification.id, attempt: notification.attempts }, 'notification delivery failed');
    }
    await this.withRetries(() => this.recordOutcome(notification, result));
  }

  private async send(notification: NotificationModel): Promise<void> {
    if (notification.channel === 'email') {
      await this.deps.email.send({
        notificationId: notification.id,
        to: notification.recipient,
        subject: notification.subject,
        text: notification.bodyText,
        html: notification.bodyHtml ?? '',
      });
    } else {
      await this.deps.sms.send({ notificationId: notification.id, to: notification.recipient, text: notification.bodyText });
    }
  }

  private async recordOutcome(claimed: NotificationModel, result: AttemptResult): Promise<void> {
    await this.inContextOf(claimed, () =>
      this.deps.db.transaction(async (trx) => {
        const current = await NotificationModel.query(trx).findById(claimed.id).forUpdate();
        // Taken over as abandoned meanwhile: that decision stands.
        if (!current || current.status !== 'SENDING' || current.attempts !== claimed.attempts) return;
        const outcome = outcomeOfAttempt(result, claimed.attempts, this.deps.policy);
        if (outcome.kind === 'sent') {
          await NotificationModel.query(trx).findById(claimed.id).patch({ status: 'SENT', sentAt: new Date(), claimedAt: null });
          await recordEvent(trx, NotificationStream, claimed.id, 'notificationSent', {
            ...eventFields(claimed),
            attempts: claimed.attempts,
          });
        } else if (outcome.kind === 'retry') {
          await NotificationModel.query(trx)
            .findById(claimed.id)
            .patch({
              status: 'PENDING',
              claimedAt: null,
              lastError: claimed.lastError,
              nextAttemptAt: trx.raw('now() + make_interval(secs => ?)', [outcome.delayMs / 1000]) as unknown as Date,
            });
        } else {
          await this.markFailed(trx, claimed, claimed.lastError ?? 'delivery failed');
        }
      }),
    );
  }

  private async failAbandoned(): Promise<void> {
    await this.deps.db.transaction(async (trx) => {
      const abandoned = await lockAbandoned(trx, this.deps.policy.sendingLeaseMs, this.deps.policy.batchSize);
      for (const notification of abandoned) {
        this.deps.logger.error({ notificationId: notification.id }, 'notification abandoned while sending');
        await this.inContextOf(notification, () => this.markFailed(trx, notification, ABANDONED_REASON));
      }
    });
  }

  private async markFailed(trx: Knex.Transaction, notification: NotificationModel, reason: string): Promise<void> {
    await NotificationModel.query(trx)
      .findById(notification.id)
      .patch({ status: 'FAILED', failedAt: new Date(), claimedAt: null, lastError: reason });
    await recordEvent(trx, NotificationStream, notification.id, 'notificationFailed', {
      ...eventFields(notification),
      reason,
      attempts: notification.attempts,
    });
  }

  private inContextOf<T>(notification: NotificationModel, work: () => Promise<T>): Promise<T> {
    return runInContext(
      { correlationId: notification.correlationId ?? notification.sourceEventId, causationId: notification.sourceEventId },
      work,
    );
  }

  /** Recording the outcome is what keeps a sent message from looking abandoned; ride out a brief database hiccup. */
  private async withRetries(work: () => Promise<void>, attempts = 3): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= attempts) throw error;
        this.deps.logger.warn({ err: error, attempt }, 'recording a delivery outcome failed, retrying');
        await sleep(200 * attempt);
      }
    }
  }
}

function eventFields(notification: NotificationModel) {
  return {
    notificationId: notification.id,
    userId: notification.userId,
    channel: notification.channel,
    template: notification.template,
    sourceEventId: notification.sourceEventId,
  };
}
