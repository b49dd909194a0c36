import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/access-tokens';
import { forbidden, invalid } from '../../../src/errors/domain-error';
import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { isUuid } from '../../../src/validation/uuid';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { NotificationErrors } from '../domain/notifications.errors';
import { NotificationModel } from '../infrastructure/notification.model';

export interface ListNotificationsQuery {
  /** Whose notifications; only admins may name someone else. Defaults to the caller. */
  userId?: string;
  limit?: number;
  cursor?: string;
}

export interface NotificationPage {
  items: NotificationModel[];
  nextCursor: string | null;
}

/** A user's notifications, newest first, a keyset page at a time. */
export async function listNotifications(db: Knex, caller: Principal, query: ListNotificationsQuery): Promise<NotificationPage> {
  const userId = query.userId ?? caller.userId;
  if (!isUuid(userId)) {
    throw invalid(NotificationErrors.INVALID_USER_ID, 'userId must be a UUID', [{ field: 'userId', message: 'must be a UUID' }]);
  }
  if (userId !== caller.userId && caller.role !== 'admin') {
    throw forbidden(NotificationErrors.FORBIDDEN_USER, "Only admins may list other users' notifications");
  }
  const limitProblem = pageSizeProblem(query.limit);
  if (limitProblem) throw invalid(NotificationErrors.INVALID_LIMIT, `limit ${limitProblem.message}`, [limitProblem]);
  const limit = pageSize(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (after === null) {
    throw invalid(NotificationErrors.INVALID_CURSOR, 'cursor is not one this API returned', [{ field: 'cursor', message: 'is invalid' }]);
  }

  const rows = await NotificationModel.query(db)
    .where('user_id', userId)
    .modify((q) => {
      if (after !== undefined) q.where('seq', '<', after);
    })
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].seq) : null };
}
