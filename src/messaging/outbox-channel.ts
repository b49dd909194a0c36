/** The channel the relay LISTENs on for a module's outbox (the outbox's trigger NOTIFYs it). */
export function outboxChannel(schema: string): string {
  return `mart_outbox_${schema}`;
}
