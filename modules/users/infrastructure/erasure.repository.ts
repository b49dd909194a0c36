import type { Knex } from 'knex';
import type { ErasureRecord } from '../domain/erasure';

type Db = Knex | Knex.Transaction;

export async function insertErasure(trx: Knex.Transaction, erasure: { userId: string; requestedBy: string; requestedAt: Date }): Promise<void> {
  await trx('erasures').insert({ user_id: erasure.userId, requested_by: erasure.requestedBy, requested_at: erasure.requestedAt });
}

/** Records modules' parts of erasures (reports of unknown erasures are dropped); a repeated report keeps the first time. */
export async function recordErasureProgress(trx: Knex.Transaction, reports: ReadonlyArray<{ userId: string; module: string; erasedAt: Date }>): Promise<void> {
  await trx.raw(
    `insert into erasure_progress (user_id, module, erased_at)
     select r.user_id, r.module, r.erased_at from unnest(?::uuid[], ?::text[], ?::timestamptz[]) as r (user_id, module, erased_at)
     where exists (select 1 from erasures e where e.user_id = r.user_id)
     on conflict do nothing`,
    [reports.map((r) => r.userId), reports.map((r) => r.module), reports.map((r) => r.erasedAt)],
  );
}

export async function findErasure(db: Db, userId: string): Promise<ErasureRecord | undefined> {
  const erasure = await db('erasures').where({ user_id: userId }).first<{ user_id: string; requested_by: string; requested_at: Date } | undefined>();
  if (!erasure) return undefined;
  const progress = await db('erasure_progress').where({ user_id: userId }).select<Array<{ module: string; erased_at: Date }>>('module', 'erased_at');
  return {
    userId: erasure.user_id,
    requestedBy: erasure.requested_by,
    requestedAt: erasure.requested_at,
    erasedAt: new Map(progress.map((row) => [row.module, row.erased_at])),
  };
}

/** Whether some erasure still waits for a module's report. */
export async function anyErasureIncomplete(db: Db, modules: number): Promise<boolean> {
  const { rows } = await db.raw<{ rows: Array<{ incomplete: boolean }> }>(
    `select exists (select 1 from erasures e where (select count(*) from erasure_progress p where p.user_id = e.user_id) < ?) as incomplete`,
    [modules],
  );
  return rows[0].incomplete;
}
