import type { Knex } from 'knex';

/** The orders module's own read model of the product catalogue, fed by ProductStream events. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalog', (t) => {
    t.uuid('product_id').primary();
    t.text('sku').notNullable();
    t.text('name').notNullable();
    // Null only for a product first heard of through its archival: it can never be ordered.
    t.bigInteger('price_cents').nullable();
    t.specificType('currency', 'char(3)').nullable();
    t.boolean('archived').notNullable().defaultTo(false);
    t.integer('version').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table catalog add constraint catalog_price_non_negative check (price_cents >= 0)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('catalog');
}
