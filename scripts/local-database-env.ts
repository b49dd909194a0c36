/**
 * Prints `export DATABASE_URL_<MODULE>=… DATABASE_URL_RELAY=…` for the database in DATABASE_URL on the local
 * server (scripts/up.sh evals it): the runtime roles the migrations make, their passwords kept in .cache/infra.
 */
import { localRuntimeUrls } from './local-runtime-roles';

const owner = process.env.DATABASE_URL;
if (!owner) throw new Error('DATABASE_URL is not set');
for (const [variable, url] of Object.entries(localRuntimeUrls(owner))) {
  console.log(`export ${variable}='${url.replace(/'/g, "'\\''")}'`);
}
