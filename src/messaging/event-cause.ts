import type { IHeaders } from 'kafkajs';
import type { Envelope } from '../../proto/streams';
import { headerString } from './cloud-events';

/**
 * What an event recorded in reaction to a consumed one carries from it: the conversation it belongs to
 * (correlation), the event that caused it (causation) and the trace it continues.
 */
export interface EventCause {
  readonly correlationId: string;
  readonly causationId: string;
  readonly traceparent: string | undefined;
}

export function causeOf(envelope: Envelope, headers: IHeaders | undefined): EventCause {
  return {
    correlationId: envelope.correlationId || envelope.eventId,
    causationId: envelope.eventId,
    traceparent: headerString(headers, 'traceparent'),
  };
}
