import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from '../../application/webhooks/webhook-transport.port';

export interface HttpWebhookTransportOptions {
  /** Loopback, private, link-local and metadata addresses allowed (a local receiver in development). */
  allowPrivateTargets: boolean;
  requireHttps: boolean;
  timeoutMs: number;
  /** Sockets per origin kept open: bounds what one endpoint can take. */
  maxSockets: number;
}

const EXCERPT_BYTES = 512;
/** A response body is read this far (to keep the connection) and no further. */
const MAX_DRAINED_BYTES = 64 * 1024;
const USER_AGENT = 'Mart-Webhooks/1.0';

class RefusedTarget extends Error {}

/**
 * POSTs webhooks over node's HTTP client with kept-alive connections. Every connection's address is checked where
 * it is resolved (the agent's DNS lookup), so a name that resolves to a private address at delivery time is refused
 * even if it was public at registration; IP literals are checked before the request.
 */
export class HttpWebhookTransport implements WebhookTransport {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(private readonly options: HttpWebhookTransportOptions) {
    const common = { keepAlive: true, maxSockets: options.maxSockets, lookup: this.guardedLookup };
    this.agents = { http: new http.Agent(common), https: new https.Agent(common) };
  }

  async refusalOf(url: string): Promise<string | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'not an absolute URL';
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'only http and https URLs are allowed';
    if (this.options.requireHttps && parsed.protocol !== 'https:') return 'only https URLs are allowed';
    if (parsed.username || parsed.password) return 'credentials in the URL are not allowed; authenticate with the signature';
    if (this.options.allowPrivateTargets) return undefined;
    const host = hostOf(parsed);
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return `${host} does not resolve`;
    }
    const blocked = addresses.find((address) => !isPublicAddress(address));
    return blocked ? `${host} resolves to ${blocked}, a loopback, private, link-local or reserved address` : undefined;
  }

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(request.url);
    const host = hostOf(url);
    if (!this.options.allowPrivateTargets && net.isIP(host) && !isPublicAddress(host)) {
      return { kind: 'refused', durationMs: 0, error: `${host} is not a public address` };
    }
    const body = Buffer.from(request.body, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<WebhookResponse>((resolve) => {
      let settled = false;
      const settle = (response: WebhookResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(response);
      };
      const req = client.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': String(body.length), 'user-agent': USER_AGENT },
      });
      const deadline = setTimeout(() => {
        req.destroy();
        settle({ kind: 'timeout', durationMs: elapsed(), error: `no answer within ${this.options.timeoutMs} ms` });
      }, this.options.timeoutMs);
      req.on('error', (error) => {
        if (error instanceof RefusedTarget) settle({ kind: 'refused', durationMs: elapsed(), error: error.message });
        else settle({ kind: 'unreachable', durationMs: elapsed(), error: error.message });
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const answered = (): WebhookResponse => ({
          kind: 'answered',
          status: res.statusCode ?? 0,
          retryAfterMs: retryAfterMs(res.headers['retry-after']),
          durationMs: elapsed(),
          excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
        });
        res.on('data', (chunk: Buffer) => {
          if (read < EXCERPT_BYTES) chunks.push(chunk);
          read += chunk.length;
          if (read > MAX_DRAINED_BYTES) {
            settle(answered());
            res.destroy();
          }
        });
        res.on('end', () => settle(answered()));
        res.on('error', () => settle(answered()));
      });
      req.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private readonly guardedLookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const blocked = this.options.allowPrivateTargets ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new RefusedTarget(`${hostname} resolves to ${blocked.address}, not a public address`), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** A globally routable unicast address: not loopback, private, link-local (cloud metadata), carrier NAT, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** `Retry-After` in seconds or as an HTTP date, in ms from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
