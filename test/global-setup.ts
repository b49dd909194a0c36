import './test-environment';
import { loadConfig } from '../src/config/config';
import { prepareRun } from './prepare-run';
import { requireDatabaseUrl } from './local-postgres';

export default async function globalSetup(): Promise<void> {
  requireDatabaseUrl();
  await prepareRun(loadConfig());
}
