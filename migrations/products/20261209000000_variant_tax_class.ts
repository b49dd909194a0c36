import type { Knex } from 'knex';

/** What each variant is taxed as; every variant so far is `standard`. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw("alter table variants add column tax_class text not null default 'standard' check (tax_class in ('standard', 'reduced', 'zero'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table variants drop column tax_class');
}
