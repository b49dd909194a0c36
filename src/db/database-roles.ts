import type { Knex } from 'knex';
import type { ModuleName } from '../module-names';

/**
 * Who connects to PostgreSQL at runtime. Each module signs in as a login role of its own that may read and write
 * its schema's tables and nothing else (no DDL, no other schema); the relay's role may only read and dequeue the
 * outboxes. Migrations run as the owner (DATABASE_URL), which also makes these roles from the URLs they are given.
 */
export interface RuntimeRole {
  /** The role name and password, from the runtime URL (`postgres://<role>:<password>@…`). */
  url: string;
  /** The schemas whose tables it reads and writes, or (the relay) whose outbox it publishes. */
  grants: { kind: 'module'; schema: ModuleName } | { kind: 'relay'; schemas: readonly ModuleName[] };
}

export function roleOf(url: string): { name: string; password: string } {
  const parsed = new URL(url);
  return { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** Creates or updates each role (login, no other attribute) and grants it exactly its part; safe to repeat. */
export async function provisionRuntimeRoles(owner: Knex, database: string, roles: readonly RuntimeRole[]): Promise<void> {
  const { rows } = await owner.raw<{ rows: Array<{ name: string }> }>('select current_user as name');
  const ownerName = rows[0].name;
  for (const role of roles) {
    const { name, password } = roleOf(role.url);
    // The owner itself given as a runtime URL (a single-role setup): nothing to make or narrow.
    if (name === ownerName) continue;
    await owner.transaction(async (trx) => {
      // Serialised: two processes provisioning at once would otherwise both try to create the role.
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`mart-role:${name}`]);
      const exists = await trx.raw<{ rowCount: number }>('select 1 from pg_roles where rolname = ?', [name]);
      const attributes = 'login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls';
      await trx.raw(`${exists.rowCount === 0 ? 'create' : 'alter'} role ?? with ${attributes} password ${literal(password)}`, [name]);
      await trx.raw('grant connect on database ?? to ??', [database, name]);
      if (role.grants.kind === 'module') await grantModuleSchema(trx, role.grants.schema, name);
      else for (const schema of role.grants.schemas) await grantOutbox(trx, schema, name);
    });
  }
}

async function grantModuleSchema(trx: Knex.Transaction, schema: string, role: string): Promise<void> {
  await trx.raw('revoke all on schema ?? from public', [schema]);
  await trx.raw('grant usage on schema ?? to ??', [schema, role]);
  await trx.raw('grant select, insert, update, delete on all tables in schema ?? to ??', [schema, role]);
  await trx.raw('grant usage, select, update on all sequences in schema ?? to ??', [schema, role]);
}

async function grantOutbox(trx: Knex.Transaction, schema: string, role: string): Promise<void> {
  await trx.raw('grant usage on schema ?? to ??', [schema, role]);
  await trx.raw('grant select, delete on ??.outbox, ??.outbox_pending to ??', [schema, schema, role]);
}

/** A password as an SQL string literal: CREATE/ALTER ROLE take no bound parameters. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
