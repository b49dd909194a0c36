import type { BatchEffects, ConsumedEvent } from './event-handler';

/** A use case's "no" to the event about `key` (an order id, say), with why. */
export interface KeyedRefusal {
  key: string;
  why: string;
}

/** Records as refused the events of a batch a use case said no to, each found by the key `keyOf` reads from it. */
export function refuseByKey<E extends Pick<ConsumedEvent, 'envelope'>>(
  events: readonly E[],
  keyOf: (event: E) => string,
  refusals: readonly KeyedRefusal[],
  effects: BatchEffects,
): void {
  const byKey = new Map(events.map((event) => [keyOf(event).toLowerCase(), event]));
  for (const { key, why } of refusals) {
    const event = byKey.get(key.toLowerCase());
    if (event) effects.refuse(event, why);
  }
}
