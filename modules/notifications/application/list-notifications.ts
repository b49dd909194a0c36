import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/principal';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import { decodeCursor, encodeCursor } from '../domain/notification-cursor';
import { NotificationErrors } from '../domain/notifications.errors';
import type { Notification } from '../domain/notification';
import { listNotifications as queryNotifications } from '../infrastructure/notification.repository';

export interface ListNotificationsQuery {
  /** Whose notifications; only admins may name someone else. Defaults to the caller. */
  userId?: string;
  limit?: number;
  cursor?: string;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
}

/** A user's notifications, newest first, a keyset page at a time. */
export async function listNotifications(db: Knex, caller: Principal, query: ListNotificationsQuery): Promise<NotificationPage> {
  const userId = query.userId ?? caller.userId;
  if (!isUuid(userId)) {
    throw NotificationErrors.invalidUserId();
  }
  if (userId !== caller.userId && caller.role !== 'admin') {
    throw NotificationErrors.forbiddenUser();
  }
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw NotificationErrors.invalidLimit(limitProblem);
  const limit = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (after === null) {
    throw NotificationErrors.invalidCursor();
  }

  const rows = await queryNotifications(db, userId, after, limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].seq) : null };
}
