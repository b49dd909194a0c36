import { loadConfig } from '../src/config/config';
import { migrateAll } from '../src/db/migrate';

migrateAll(loadConfig(process.env, { requireJwtSecret: false }), (line) => console.log(`migrate ${line}`)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
