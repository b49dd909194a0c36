import type { EventHandler } from './event-handler';

/**
 * The consumer group a module's handler runs in: the module's own, `<prefix>.<module>`, or a side group of the
 * module, `<prefix>.<module>.<sideGroup>`, for handlers whose lag must never hold back the module's other handlers
 * (the webhooks' fan-out of every event).
 */
export function consumerGroupId(prefix: string, module: string, sideGroup?: string): string {
  return sideGroup ? `${prefix}.${module}.${sideGroup}` : `${prefix}.${module}`;
}

/** The prefix of every side group of a module (what the broker lets its principal join). */
export function sideGroupPrefix(prefix: string, module: string): string {
  return `${prefix}.${module}.`;
}

/** One consumer group of a module: its id, its side group's name (none for the module's own) and its handlers. */
export interface HandlerGroup {
  groupId: string;
  sideGroup?: string;
  handlers: EventHandler[];
}

/** A module's handlers by the consumer group they run in, the module's own group first; groups without handlers are left out. */
export function handlersByGroup(prefix: string, module: string, handlers: readonly EventHandler[]): HandlerGroup[] {
  const groups = new Map<string, HandlerGroup>([[consumerGroupId(prefix, module), { groupId: consumerGroupId(prefix, module), handlers: [] }]]);
  for (const handler of handlers) {
    const groupId = consumerGroupId(prefix, module, handler.sideGroup);
    const group = groups.get(groupId) ?? { groupId, sideGroup: handler.sideGroup, handlers: [] };
    group.handlers.push(handler);
    groups.set(groupId, group);
  }
  return [...groups.values()].filter((group) => group.handlers.length > 0);
}

/**
 * How a side group fetches: its handlers are background work, so the broker gathers up to 64 KiB or 500 ms of
 * events per fetch, and a side group costs fewer fetches and transactions than a module's own group.
 */
export const SIDE_GROUP_FETCH = { minBytes: 64 * 1024, maxWaitTimeInMs: 500 } as const;

/** How often a process asks whether an on-demand side group has anything to do (MartModule.sideGroupWanted). */
export const SIDE_GROUP_CHECK_MS = 1_000;
