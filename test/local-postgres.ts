import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localRuntimeUrls } from '../scripts/local-runtime-roles';

const URL_FILE = path.resolve(__dirname, '..', '.cache', 'infra', 'postgres', 'url');

/**
 * A database on the PostgreSQL server `scripts/infra.sh up` started, for tests and benchmarks that make a
 * database of their own. The server comes from `MART_LOCAL_POSTGRES_URL`, else from the URL file infra.sh
 * writes next to the cluster (it holds the cluster's generated password, so it never leaves the machine).
 * Undefined when neither exists: unit tests need no database.
 */
export function localPostgresUrl(database: string): string | undefined {
  const server = process.env.MART_LOCAL_POSTGRES_URL ?? readUrlFile();
  if (!server) return undefined;
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error(`No PostgreSQL: run 'npm run infra:up' (it writes ${URL_FILE}) or set DATABASE_URL.`);
  return url;
}

function readUrlFile(): string | undefined {
  try {
    return readFileSync(URL_FILE, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Sets DATABASE_URL_<MODULE> and DATABASE_URL_RELAY (unless set) for DATABASE_URL, a database on the local server. */
export function useLocalRuntimeRoles(): void {
  const owner = process.env.DATABASE_URL;
  const server = process.env.MART_LOCAL_POSTGRES_URL ?? readUrlFile();
  if (!owner || !server || new URL(owner).host !== new URL(server).host) return;
  for (const [variable, url] of Object.entries(localRuntimeUrls(owner))) process.env[variable] ??= url;
}
