import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

/** One request the receiver got, as it got it. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; aggregateId: string; data: Record<string, unknown>; cloudevent?: Record<string, unknown> };
  receivedAt: number;
  /** The status it answered. */
  status: number;
}

/** How to answer a request: a status (and headers), after an optional delay. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A real HTTP server on 127.0.0.1 that records every webhook POSTed to it and answers as the test says (200 unless
 * `answer` decides otherwise): the integrator's side of a delivery.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: { headers: IncomingHttpHeaders; body: string; attempt: number }) => Answer = () => ({ status: 200 });
  private readonly attempts = new Map<string, number>();

  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempt);
      const answer = this.answer({ headers: req.headers, body, attempt });
      const reply = () => {
        this.received.push({ headers: req.headers, body, json: JSON.parse(body) as ReceivedWebhook['json'], receivedAt: Date.now(), status: answer.status });
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.status < 300 ? 'ok' : 'not now');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });

  /** Where to POST: http://127.0.0.1:<port><path>. */
  url = '';

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}${path}`;
    return receiver;
  }

  /** The requests answered with 2xx. */
  get delivered(): ReceivedWebhook[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  ofAggregate(aggregateId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json.aggregateId === aggregateId);
  }

  async waitForDelivered(what: string, count: number, filter: (r: ReceivedWebhook) => boolean = () => true, timeoutMs?: number): Promise<ReceivedWebhook[]> {
    await waitFor(what, () => this.delivered.filter(filter).length >= count, { timeoutMs });
    return this.delivered.filter(filter);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
