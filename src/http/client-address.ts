import { isIPv6 } from 'node:net';
import type { Request } from 'express';

/** The caller's address: the socket's, or what a proxy named in TRUST_PROXY says it forwarded for. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * What a throttle counts a caller as: its IPv4 address, or the /64 network of its IPv6 address (one subscriber
 * usually holds a whole /64, so counting single addresses would give an attacker 2^64 fresh buckets).
 */
export function throttleBucket(req: Request): string {
  return addressBucket(clientAddress(req));
}

export function addressBucket(address: string): string {
  const plain = address.split('%')[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!isIPv6(plain)) return address;
  const [head, tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
