import type { Request } from 'express';

/** The caller's address: the socket's, or what a proxy named in TRUST_PROXY says it forwarded for. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
