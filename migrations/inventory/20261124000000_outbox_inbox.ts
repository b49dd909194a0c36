import type { Knex } from 'knex';
import { createOutboxAndInbox, dropOutboxAndInbox } from '../shared/outbox-and-inbox';

export async function up(knex: Knex): Promise<void> {
  await createOutboxAndInbox(knex, 'inventory');
}

export async function down(knex: Knex): Promise<void> {
  await dropOutboxAndInbox(knex, 'inventory');
}
