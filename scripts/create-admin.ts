import { parseArgs } from 'node:util';
import { ensureAdmin } from '../modules/users';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { migrateAll } from '../src/db/migrate';

/**
 * npm run admin:create -- --email ops@example.com --password '…' --name 'Ops' [--promote]
 * (or ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_NAME). Creates the admin. An existing account with that email is
 * refused; with --promote it becomes an admin with the given password and all its sessions are signed out.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, promote: { type: 'boolean' } },
  });
  const email = values.email ?? process.env.ADMIN_EMAIL;
  const password = values.password ?? process.env.ADMIN_PASSWORD;
  const name = values.name ?? process.env.ADMIN_NAME ?? 'Administrator';
  if (!email || !password) {
    console.error('usage: npm run admin:create -- --email <email> --password <password> [--name <name>] [--promote]\n' +
      '       (or set ADMIN_EMAIL, ADMIN_PASSWORD and ADMIN_NAME)');
    process.exitCode = 2;
    return;
  }

  const config = loadConfig(process.env, { requireJwtSecret: false });
  await migrateAll(config);
  const db = createModuleDatabase({ url: config.database.url, schema: 'users', poolMax: 2 });
  try {
    const { userId, outcome } = await ensureAdmin({ db, personalDataKey: config.personalDataKey }, { email, password, name }, { promote: values.promote === true });
    const said = { created: 'created admin', promoted: 'promoted existing user to admin, set the given password, signed out its sessions' }[outcome];
    console.log(`${said}: ${email.trim().toLowerCase()} (${userId})`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  const problem = error as { code?: string; message?: string; details?: { fields?: unknown } };
  console.error(problem.code ? `${problem.code}: ${problem.message} ${JSON.stringify(problem.details?.fields ?? '')}` : error);
  process.exit(1);
});
