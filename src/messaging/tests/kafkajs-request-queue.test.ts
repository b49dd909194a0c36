// kafkajs 2.2.4 re-armed a 1 ms timer forever on every idle broker connection (kafkajs #1556, #1704):
// with the ~30 connections of an API process and a relay that is a core's worth of CPU doing nothing.
// patches/kafkajs+2.2.4.patch stops it; this test fails if the patch is not applied (e.g. after an upgrade).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: Record<string, unknown>) => {
  pending: unknown[];
  throttledUntil: number;
  checkPendingRequests(): void;
};

const silentLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined };

function idleQueue() {
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, clientId: 'test', broker: 'b:9092', logger: silentLogger });
}

describe('kafkajs request queue (patched)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('arms no timer on an idle, unthrottled connection', () => {
    idleQueue().checkPendingRequests();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again when the broker throttles the connection', () => {
    const queue = idleQueue();
    queue.throttledUntil = Date.now() + 500;
    queue.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
  });
});
