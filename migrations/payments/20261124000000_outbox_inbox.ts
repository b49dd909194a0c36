import type { Knex } from 'knex';
import { createOutboxAndInbox, dropOutboxAndInbox } from '../shared/outbox-and-inbox';

export async function up(knex: Knex): Promise<void> {
  await createOutboxAndInbox(knex, 'payments');
}

export async function down(knex: Knex): Promise<void> {
  await dropOutboxAndInbox(knex, 'payments');
}
