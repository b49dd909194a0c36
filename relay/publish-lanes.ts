/**
 * The relay sends each batch through several idempotent producers at once ("lanes"), because one kafkajs
 * idempotent producer allows only one request in flight (kafkajs #598). A row's lane follows from its
 * message key (the aggregate id), so all events of one aggregate go through the same producer, in outbox order.
 */
export function laneOf(key: string, lanes: number): number {
  // FNV-1a: cheap, stable across processes and restarts, and spreads UUID keys evenly.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

/** Splits rows into `lanes` lists by key, keeping each list in the rows' order. */
export function splitIntoLanes<T extends { message_key: string }>(rows: readonly T[], lanes: number): T[][] {
  const split = Array.from({ length: lanes }, () => [] as T[]);
  for (const row of rows) split[laneOf(row.message_key, lanes)].push(row);
  return split;
}
