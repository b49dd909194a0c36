import type http from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { createMetricsServer } from '../src/http/metrics-server';
import type { OutboxObserver } from './outbox-publisher';

/** The relay's Prometheus metrics, served on their own port (the relay has no other HTTP surface). */
export class RelayMetrics implements OutboxObserver {
  readonly registry = new Registry();
  private readonly published = new Counter({
    name: 'mart_relay_published_events_total',
    help: 'Outbox rows published to Kafka (acknowledged and marked) by this process',
    labelNames: ['outbox'],
    registers: [this.registry],
  });
  private readonly backlog = new Gauge({
    name: 'mart_relay_outbox_backlog',
    help: 'Rows waiting to be published, as last read by the process holding the outbox',
    labelNames: ['outbox'],
    registers: [this.registry],
  });
  private readonly oldestAge = new Gauge({
    name: 'mart_relay_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest row waiting to be published (0 when none), as last read',
    labelNames: ['outbox'],
    registers: [this.registry],
  });
  private readonly holding = new Gauge({
    name: 'mart_relay_outbox_active',
    help: '1 while this process holds the outbox lock and publishes it, 0 while it stands by',
    labelNames: ['outbox'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  onActive(outbox: string, active: boolean): void {
    this.holding.set({ outbox }, active ? 1 : 0);
  }

  onPublished(outbox: string, count: number): void {
    this.published.inc({ outbox }, count);
  }

  onBacklog(outbox: string, backlog: number, oldestAgeMs: number): void {
    this.backlog.set({ outbox }, backlog);
    this.oldestAge.set({ outbox }, oldestAgeMs / 1000);
  }

  /** A server for GET /metrics and GET /health/live. */
  createServer(): http.Server {
    return createMetricsServer(this.registry);
  }
}
