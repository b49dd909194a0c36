import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runtimeUrlVariable } from '../src/config/config';
import { moduleNames } from '../src/module-names';

const ROLES_FILE = path.resolve(__dirname, '..', '.cache', 'infra', 'postgres', 'runtime-roles.json');

/**
 * DATABASE_URL_<MODULE> and DATABASE_URL_RELAY for a database on the local server: each module and the relay sign
 * in as their own role (mart_<module>, mart_relay), made by the migrations. The roles belong to the server, so
 * their passwords are generated once per server and kept next to its URL file.
 */
export function localRuntimeUrls(ownerUrl: string): Record<string, string> {
  const passwords = localRolePasswords();
  const urlFor = (role: string): string => {
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = passwords[role];
    return url.toString();
  };
  return {
    ...Object.fromEntries(moduleNames.map((module) => [runtimeUrlVariable(module), urlFor(`mart_${module}`)])),
    DATABASE_URL_RELAY: urlFor('mart_relay'),
  };
}

function localRolePasswords(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(ROLES_FILE, 'utf8')) as Record<string, string>;
  } catch {
    const roles = [...moduleNames.map((module) => `mart_${module}`), 'mart_relay'];
    const passwords = Object.fromEntries(roles.map((role) => [role, randomBytes(24).toString('hex')]));
    mkdirSync(path.dirname(ROLES_FILE), { recursive: true });
    // Written aside and linked into place: of two processes making it at once, one file wins and both read it.
    const draft = `${ROLES_FILE}.${process.pid}`;
    writeFileSync(draft, JSON.stringify(passwords), { mode: 0o600 });
    try {
      linkSync(draft, ROLES_FILE);
    } catch {
      // Another process linked its file first.
    } finally {
      unlinkSync(draft);
    }
    return JSON.parse(readFileSync(ROLES_FILE, 'utf8')) as Record<string, string>;
  }
}
