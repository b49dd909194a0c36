import type { Knex } from 'knex';

// An endpoint's pending deliveries oldest first: where a worker looks for lane heads (claimLaneRuns' window).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index webhook_deliveries_queue on webhook_deliveries (endpoint_id, seq) where status = 'PENDING'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index webhook_deliveries_queue`);
}
