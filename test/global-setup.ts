import './test-environment';
import { loadConfig } from '../src/config/config';
import { migrateAll } from '../src/db/migrate';

export default async function globalSetup(): Promise<void> {
  await migrateAll(loadConfig());
}
