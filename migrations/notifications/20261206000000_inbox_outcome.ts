import type { Knex } from 'knex';
import { addInboxOutcome, dropInboxOutcome } from '../shared/outbox-and-inbox';

export async function up(knex: Knex): Promise<void> {
  await addInboxOutcome(knex, 'notifications');
}

export async function down(knex: Knex): Promise<void> {
  await dropInboxOutcome(knex, 'notifications');
}
