import { decodeOpaqueCursor, encodeOpaqueCursor } from '../../../src/paging/opaque-cursor';

/** Opaque keyset cursor over the notifications' insertion sequence (newest first). */
export function encodeCursor(seq: number): string {
  return encodeOpaqueCursor({ seq });
}

/** The sequence the cursor points at, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  const seq = (decodeOpaqueCursor(cursor) as { seq?: unknown } | null | undefined)?.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}
