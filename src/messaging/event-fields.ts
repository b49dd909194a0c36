import { DomainError } from '../errors/domain-error';
import { isUuid } from '../validation/uuid';

/**
 * An event that breaks its contract (a missing id, inexact money). Thrown from a handler, a DomainError
 * dead-letters the event at once: retrying cannot repair it.
 */
export function malformedEvent(what: string): DomainError {
  return new DomainError('EVENT.MALFORMED', 'unprocessable', `The event is malformed: ${what}`);
}

/** An id an event must carry (protobuf strings decode as '' when unset), lower-cased as every table keeps ids. */
export function requiredEventUuid(value: string | null | undefined, what: string): string {
  if (!isUuid(value)) throw malformedEvent(`${what} "${value ?? ''}" is not a UUID`);
  return value.toLowerCase();
}
