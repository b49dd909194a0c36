import type { Knex } from 'knex';
import { publishOutboxByDequeueOnly, restoreOutboxPublishedAt } from '../shared/outbox-and-inbox';

export async function up(knex: Knex): Promise<void> {
  await publishOutboxByDequeueOnly(knex, 'orders');
}

export async function down(knex: Knex): Promise<void> {
  await restoreOutboxPublishedAt(knex, 'orders');
}
