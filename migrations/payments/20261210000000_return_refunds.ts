import type { Knex } from 'knex';

/** A refund may give back an order's return: at most one refund per return, whatever redelivers ReturnReceived. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table refunds add column return_id uuid');
  await knex.raw('create unique index refunds_return_unique on refunds (return_id) where return_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table refunds drop column return_id');
}
