import type { Knex } from 'knex';
import type { Envelope } from '../../../proto/streams';
import { runInContext } from '../../context/request-context';
import { handledCase, type BatchEffects, type ConsumedEvent, type EventHandler } from '../event-handler';
import { withOutboxWrittenAtEnd } from '../outbox';
import { inRounds, type Work } from './delivery';
import { claimInbox, inboxKey, recordRefusals, type Refusal } from './inbox';

/** Locks what the events of a batch will lock, in one global order (see MartModule.lockBatch). */
export type BatchLocks = (trx: Knex.Transaction, envelopes: readonly Envelope[]) => Promise<void>;

interface AfterCommitTask {
  event: Pick<ConsumedEvent, 'cause'>;
  task: () => void;
}

/** What a committed batch leaves to do and to count. */
export interface BatchResult {
  /** How many of the batch's events a handler refused. */
  refused: number;
  afterCommit: AfterCommitTask[];
}

/**
 * Handles the work in one transaction with a fixed number of statements per handler and round, whatever its size:
 * the batch's locks first (one global order), the inbox claim of every (event, handler) pair in one statement,
 * then round by round (each aggregate's events in partition order) each handler with all of its new events,
 * the refusals in one statement, and the recorded events in one outbox insert at the end.
 */
export async function handleInOneTransaction(db: Knex, work: readonly Work[], handlers: readonly EventHandler[], lockBatch?: BatchLocks): Promise<BatchResult> {
  const refusals: Refusal[] = [];
  const afterCommit: AfterCommitTask[] = [];
  await db.transaction((trx) =>
    withOutboxWrittenAtEnd(trx, async () => {
      if (work.length > 1 && lockBatch) await lockBatch(trx, work.map((item) => item.envelope));
      const unseen = await claimInbox(trx, work);
      for (const round of inRounds(work)) {
        for (const handler of handlers) {
          const events: ConsumedEvent[] = [];
          for (const item of round) {
            // Deleting the key claims the pair for this event only: a duplicate later in the batch finds it gone.
            if (!item.handlers.includes(handler)) continue;
            if (handler.idempotent || unseen.delete(inboxKey(item.envelope.eventId, handler.name))) events.push(consumed(handler, item));
          }
          if (events.length === 0) continue;
          const effects: BatchEffects = {
            refuse: (event, reason) => refusals.push({ eventId: event.envelope.eventId, consumer: handler.name, reason }),
            afterCommit: (event, task) => afterCommit.push({ event, task }),
          };
          await handler.handleBatch(trx, events, effects);
        }
      }
      await recordRefusals(trx, refusals);
    }),
  );
  return { refused: new Set(refusals.map((refusal) => refusal.eventId)).size, afterCommit };
}

/** Runs after-commit work in its event's context; a failure is logged by `onError`, never thrown. */
export function runAfterCommit(tasks: readonly AfterCommitTask[], onError: (error: unknown, event: Pick<ConsumedEvent, 'cause'>) => void): void {
  for (const { event, task } of tasks) {
    try {
      runInContext(event.cause, task);
    } catch (error) {
      onError(error, event);
    }
  }
}

function consumed(handler: EventHandler, { envelope, cause }: Work): ConsumedEvent {
  const payload = (envelope as unknown as Record<string, unknown>)[handledCase(handler, envelope)];
  return { payload, envelope, cause } as ConsumedEvent;
}
