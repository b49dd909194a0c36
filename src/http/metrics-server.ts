import http from 'node:http';
import type { Registry } from 'prom-client';

/**
 * A process's Prometheus endpoint on a port of its own (GET /metrics, GET /health/live), so that what the
 * process knows about its load and internals is not served on the public API port.
 */
export function createMetricsServer(registry: Registry): http.Server {
  return http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && req.url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404).end();
    }
  });
}
