import { loadConfig } from '../src/config/config';
import { migrateAll } from '../src/db/migrate';
import './setup-env';

export default async function globalSetup(): Promise<void> {
  await migrateAll(loadConfig());
}
