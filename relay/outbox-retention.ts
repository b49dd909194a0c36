import type pg from 'pg';

const CHUNK = 5000;

/**
 * Deletes published outbox rows older than the retention. Rows expire oldest first, so this deletes a
 * prefix of the table in id order, a chunk at a time, and stops at the first row that is still pending or
 * younger than the retention: an unpublished row is never deleted, however old. Returns how many it deleted.
 */
export async function deleteExpiredOutboxRows(
  pool: pg.Pool,
  schema: string,
  retentionSeconds: number,
  shouldContinue: () => boolean = () => true,
): Promise<number> {
  let deleted = 0;
  for (let chunk = CHUNK; chunk === CHUNK && shouldContinue(); ) {
    const result = await pool.query(
      `with oldest as (select id, created_at from ${schema}.outbox order by id limit ${CHUNK}),
            first_kept as (
              select min(id) as id from oldest
               where created_at >= now() - make_interval(secs => $1)
                  or exists (select 1 from ${schema}.outbox_pending p where p.id = oldest.id))
       delete from ${schema}.outbox
        where id in (select id from oldest)
          and id < coalesce((select id from first_kept), 9223372036854775807)`,
      [retentionSeconds],
    );
    chunk = result.rowCount ?? 0;
    deleted += chunk;
  }
  return deleted;
}
