import type { Knex } from 'knex';
import type { UsersSettings } from './users-settings';
import type { Outages } from '../../../src/health/outages';
import { PeriodicTask } from '../../../src/jobs/periodic-task';
import type { Logger } from '../../../src/logging/logger';
import { deleteStaleAttempts } from '../infrastructure/attempt.repository';
import { deleteEndedSessions } from '../infrastructure/session.repository';

const BATCH = 1000;

/**
 * Deletes, every interval, sessions that ended a day ago or more (with their refresh tokens), refresh tokens expired
 * a day ago, and password and registration attempts older than their windows. A day's grace keeps a just-ended
 * session answering "ended" rather than "unknown".
 */
export function createSessionPurger(db: Knex, auth: UsersSettings, logger: Logger, outages: Outages): PeriodicTask {
  return new PeriodicTask({
    name: 'session-purger',
    intervalMs: auth.sessionPurgeIntervalMs,
    logger,
    outages,
    runAtStart: true,
    work: async () => {
      const moreSessions = await deleteEndedSessions(db, auth.sessionMaxLifetimeSeconds, BATCH);
      const moreAttempts = await deleteStaleAttempts(
        db,
        { passwordSeconds: auth.loginFailureWindowSeconds, registrationSeconds: auth.registrationWindowSeconds },
        BATCH,
      );
      return moreSessions || moreAttempts;
    },
  });
}
