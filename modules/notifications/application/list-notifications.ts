import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { Keyset, type Page } from '../../../src/paging/keyset';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import { NotificationErrors } from '../domain/notifications.errors';
import type { Notification } from '../domain/notification';
import { listNotifications as queryNotifications } from '../infrastructure/notification.repository';

export interface ListNotificationsQuery {
  /** Whose notifications; only admins may name someone else. Defaults to the caller. */
  userId?: string;
  limit?: number;
  cursor?: string;
}

// Newest first by the insertion sequence.
const NOTIFICATIONS = new Keyset('notifications', ['integer'] as const);

/** A user's notifications, newest first, a keyset page at a time. */
export async function listNotifications(db: Knex, caller: Principal, query: ListNotificationsQuery): Promise<Page<Notification>> {
  const userId = query.userId ?? caller.userId;
  if (!isUuid(userId)) {
    throw NotificationErrors.invalidUserId();
  }
  if (userId !== caller.userId && caller.role !== 'admin') {
    throw NotificationErrors.forbiddenUser();
  }
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw NotificationErrors.invalidLimit(limitProblem);
  const after = NOTIFICATIONS.after(query.cursor, NotificationErrors.invalidCursor);
  return NOTIFICATIONS.page(
    pageSize(query.limit),
    (rows) => queryNotifications(db, userId, after?.[0], rows),
    (notification) => [notification.seq],
  );
}
