/**
 * The split deployment as `npm run up -- --split`, the split test run and `bench:checkout --split` start it: three
 * processes of the one codebase, each serving two modules on a database of its own, the third database on a
 * second PostgreSQL cluster (a database instance of its own), behind one gateway.
 *
 *   tsx scripts/split-deployment.ts env <database prefix>    prints the exports for the processes and migrations
 */
import { ownerUrlVariable, runtimeUrlVariable } from '../src/config/config';
import type { ModuleName } from '../src/module-names';
import { localRuntimeUrls } from './local-runtime-roles';

export interface SplitPart {
  /** Names the part's database (`<prefix>_<name>`) and its process. */
  name: string;
  modules: readonly ModuleName[];
  cluster: 'a' | 'b';
}

export const SPLIT_PARTS: readonly SplitPart[] = [
  { name: 'people', modules: ['users', 'notifications'], cluster: 'a' },
  { name: 'catalog', modules: ['products', 'inventory'], cluster: 'a' },
  { name: 'sales', modules: ['orders', 'payments'], cluster: 'b' },
];

/**
 * DATABASE_URL (the owner, on the first cluster's first database), each module's runtime role on its part's
 * database, the owner of the second cluster's database, and the relay's role: everything a process of the split
 * deployment and its migrations need besides MART_MODULES and PORT. `clusters` are server URLs without a database.
 */
export function splitDatabaseEnvironment(clusters: { a: string; b: string }, prefix: string): Record<string, string> {
  const databaseOf = (part: SplitPart) => {
    const url = new URL(clusters[part.cluster]);
    url.pathname = `/${prefix}_${part.name}`;
    return url.toString();
  };
  const env: Record<string, string> = { DATABASE_URL: databaseOf(SPLIT_PARTS[0]) };
  for (const part of SPLIT_PARTS) {
    const owner = databaseOf(part);
    const runtime = localRuntimeUrls(owner);
    for (const module of part.modules) {
      env[runtimeUrlVariable(module)] = runtime[runtimeUrlVariable(module)];
      if (part.cluster !== 'a') env[ownerUrlVariable(module)] = owner;
    }
    env.DATABASE_URL_RELAY ??= runtime.DATABASE_URL_RELAY;
  }
  return env;
}

if (require.main === module) {
  const [command, prefix] = process.argv.slice(2);
  const a = process.env.MART_LOCAL_POSTGRES_URL;
  const b = process.env.MART_LOCAL_POSTGRES_B_URL;
  if (command !== 'env' || !prefix || !a || !b) {
    console.error('usage: MART_LOCAL_POSTGRES_URL=… MART_LOCAL_POSTGRES_B_URL=… tsx scripts/split-deployment.ts env <database prefix>');
    process.exit(2);
  }
  for (const [name, value] of Object.entries(splitDatabaseEnvironment({ a, b }, prefix))) console.log(`export ${name}='${value}'`);
}
