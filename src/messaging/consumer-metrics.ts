import { Counter, Histogram, type Registry } from 'prom-client';

/** What the module consumers export on the API's metrics port: how long their batches take, and what became of each event. */
export class ConsumerMetrics {
  readonly batchSeconds: Histogram<'group'>;
  readonly events: Counter<'group' | 'outcome'>;
  readonly batchFallbacks: Counter<'group'>;

  constructor(registry: Registry) {
    this.batchSeconds = new Histogram({
      name: 'mart_consumer_batch_duration_seconds',
      help: 'Time to handle a chunk of a fetched batch (up to 100 messages) by consumer group, including a fallback to one at a time',
      labelNames: ['group'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.events = new Counter({
      name: 'mart_consumer_events_total',
      help: 'Messages by consumer group and outcome: handled, skipped (no handler here) or dead_lettered',
      labelNames: ['group', 'outcome'],
      registers: [registry],
    });
    this.batchFallbacks = new Counter({
      name: 'mart_consumer_batch_fallbacks_total',
      help: 'Batches rolled back and handled again one event and handler at a time, by consumer group',
      labelNames: ['group'],
      registers: [registry],
    });
  }
}
