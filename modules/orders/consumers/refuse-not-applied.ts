import type { BatchEffects, ConsumedEvent } from '../../../src/messaging/event-handler';

/** Records as refused, with why, the events of a batch whose order (named by `orderIdOf`) a use case did not act on. */
export function refuseNotApplied<E extends Pick<ConsumedEvent, 'envelope'>>(
  events: readonly E[],
  orderIdOf: (event: E) => string,
  notApplied: ReadonlyArray<{ orderId: string; why: string }>,
  effects: BatchEffects,
): void {
  const byOrder = new Map(events.map((event) => [orderIdOf(event).toLowerCase(), event]));
  for (const { orderId, why } of notApplied) {
    const event = byOrder.get(orderId.toLowerCase());
    if (event) effects.refuse(event, why);
  }
}
