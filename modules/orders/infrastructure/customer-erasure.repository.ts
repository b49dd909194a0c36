import type { Knex } from 'knex';

/**
 * Erases what orders holds about customers besides their default address: their carts go, and their orders keep
 * lines, amounts and the destination's country and region (accounting and tax) but lose the recipient's name and
 * street address. The published outbox rows of those orders go too (their events carried the address); rows not yet
 * published stay for the relay. Orders are locked in id order first, as every order writer does.
 */
export async function eraseCustomerOrders(trx: Knex.Transaction, customerIds: readonly string[]): Promise<void> {
  const customers = [...customerIds];
  const orders = await trx('orders').whereRaw('customer_id = any(?::uuid[])', [customers]).orderBy('id').forUpdate().select<Array<{ id: string }>>('id');
  const orderIds = orders.map((order) => order.id);
  await trx.raw(
    `update orders set shipping_address = jsonb_strip_nulls(jsonb_build_object(
       'name', '(erased)', 'line1', '(erased)', 'city', '(erased)', 'postalCode', '(erased)',
       'country', shipping_address->>'country', 'region', shipping_address->>'region'))
     where id = any(?::uuid[])`,
    [orderIds],
  );
  await trx.raw('delete from outbox where message_key = any(?::text[]) and id not in (select id from outbox_pending)', [orderIds]);
  await trx('carts').whereRaw('customer_id = any(?::uuid[])', [customers]).delete();
}
