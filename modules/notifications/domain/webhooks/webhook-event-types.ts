/** The name integrators subscribe to: `<module>.<EventName>`, e.g. `orders.OrderPlaced` for the `orderPlaced` case. */
export function webhookEventType(module: string, eventCase: string): string {
  return `${module}.${eventCase.charAt(0).toUpperCase()}${eventCase.slice(1)}`;
}

/** The test event `POST /webhook-endpoints/{id}/ping` sends. */
export const PING_EVENT_TYPE = 'webhooks.Ping';
