import { timingSafeEqual } from 'node:crypto';

export type RegistryAccess = 'read' | 'write' | 'refused';

const subject = '[^/]+';
const version = '(?:latest|-?\\d+)';

/** The Confluent API routes the local registry serves, and which of them change it. Everything else is refused. */
const routes: ReadonlyArray<{ method: string; path: RegExp; access: Exclude<RegistryAccess, 'refused'> }> = [
  { method: 'GET', path: /^\/(?:subjects|schemas|config|mode|contexts|associations)(?:\/.*)?$/, access: 'read' },
  // Looking a schema up under a subject and testing compatibility are POSTs that change nothing.
  { method: 'POST', path: new RegExp(`^/subjects/${subject}$`), access: 'read' },
  { method: 'POST', path: new RegExp(`^/compatibility/subjects/${subject}/versions(?:/${version})?$`), access: 'read' },
  { method: 'POST', path: new RegExp(`^/subjects/${subject}/versions$`), access: 'write' },
  { method: 'PUT', path: new RegExp(`^/config(?:/${subject})?$`), access: 'write' },
  { method: 'DELETE', path: new RegExp(`^/subjects/${subject}(?:/versions/${version})?$`), access: 'write' },
  { method: 'DELETE', path: new RegExp(`^/config/${subject}$`), access: 'write' },
];

export function registryAccess(method: string, pathname: string): RegistryAccess {
  const route = routes.find((r) => r.method === method.toUpperCase() && r.path.test(pathname));
  return route?.access ?? 'refused';
}

/** HTTP Basic credentials of the one principal allowed to change schemas, compared in constant time. */
export function writerMayChange(authorization: string | undefined, writer: string, password: string | undefined): boolean {
  if (!password || !authorization?.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(authorization.slice(6), 'base64').toString('utf8'));
  const expected = Buffer.from(`${writer}:${password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
