/** The event another module published that a use case is reacting to (for the unapplied-events record). */
export interface SourceEvent {
  eventId: string;
  eventType: string;
}
