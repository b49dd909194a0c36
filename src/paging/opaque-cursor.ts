/**
 * Keyset cursors are opaque to clients: the position of the last item of a page as JSON, base64url-encoded.
 * Each list endpoint checks the shape of the position it reads back.
 */
export function encodeOpaqueCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position inside a cursor, or undefined when the cursor is not base64url JSON at all. */
export function decodeOpaqueCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
