import './test-environment';
import { loadConfig } from '../src/config/config';
import { migrateAll } from '../src/db/migrate';
import { requireDatabaseUrl } from './local-postgres';

export default async function globalSetup(): Promise<void> {
  requireDatabaseUrl();
  await migrateAll(loadConfig());
}
