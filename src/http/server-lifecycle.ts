import type { Server } from 'node:http';

/**
 * Starts listening (on every interface, or on `host`) and resolves with the bound port (the real one when asked for
 * 0); rejects naming a taken port.
 */
export function listen(server: Server, port: number, what: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`${what} cannot listen on port ${port}: ${error.message}`)));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stops accepting connections and closes idle keep-alive sockets at once; requests in flight get `graceMs` to finish. */
export function closeServer(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
