/**
 * Kafka headers per the CloudEvents Kafka protocol binding, binary content mode,
 * so that subscribers can route on the event type without decoding the value.
 */
export interface OutboxRowHeaders {
  eventId: string;
  eventType: string;
  module: string;
  aggregateId: string;
  occurredAt: Date | string;
  traceparent?: string;
}

export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

export function cloudEventHeaders(row: OutboxRowHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: row.eventId,
    ce_type: row.eventType,
    ce_source: `/mart/${row.module}`,
    ce_subject: row.aggregateId,
    ce_time: typeof row.occurredAt === 'string' ? row.occurredAt : row.occurredAt.toISOString(),
    'content-type': PROTOBUF_CONTENT_TYPE,
  };
  if (row.traceparent) headers.traceparent = row.traceparent;
  return headers;
}

export function headerString(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null) return undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
