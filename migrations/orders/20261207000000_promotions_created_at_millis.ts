import type { Knex } from 'knex';

// Promotions are paged newest first by (created_at, id) with the position in a cursor that holds milliseconds:
// a created_at with microseconds would compare after its own cursor and items within that millisecond be skipped.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table promotions alter column created_at type timestamptz(3)
      using date_trunc('milliseconds', created_at)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table promotions alter column created_at type timestamptz');
}
