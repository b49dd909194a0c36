/**
 * Of several versioned states of the same things (stock levels of one product, say), the newest of each, keyed
 * case-insensitively: what a set-based upsert of a batch writes, since one statement may touch a row only once.
 */
export function newestVersions<T extends { version: number }>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item).toLowerCase();
    const kept = newest.get(key);
    if (!kept || kept.version < item.version) newest.set(key, item);
  }
  return [...newest.values()];
}
