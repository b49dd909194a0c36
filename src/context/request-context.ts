import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the current unit of work is about: an HTTP request or a consumed event.
 * Log lines and recorded events read it, so ids flow without being passed by hand.
 */
export interface RequestContext {
  requestId?: string;
  correlationId: string;
  causationId?: string;
  userId?: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
