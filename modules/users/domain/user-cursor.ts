import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';
import { UserErrors } from './users.errors';

// Lower case only: user ids are stored lower case, and a cursor is only ever one this API returned.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cursors are opaque to clients: the id of the last user on the page. */
export function encodeUserCursor(userId: string): string {
  return encodeOpaqueCursor(userId);
}

export function decodeUserCursor(cursor: string): string {
  const id = decodeOpaqueCursor(cursor);
  if (typeof id !== 'string' || !UUID.test(id)) throw UserErrors.invalidCursor();
  return id;
}
