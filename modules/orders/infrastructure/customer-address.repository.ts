import type { Knex } from 'knex';
import type { ShippingAddress } from '../domain/order';

/** Keeps a customer's name and default address as their latest user event says (user events arrive in order). */
export async function saveDefaultAddress(
  trx: Knex.Transaction,
  customer: { customerId: string; name: string; address: Omit<ShippingAddress, 'name'> | null },
): Promise<void> {
  await trx('customer_addresses')
    .insert({ customer_id: customer.customerId, name: customer.name, default_shipping_address: customer.address ? JSON.stringify(customer.address) : null })
    .onConflict('customer_id')
    .merge({ name: customer.name, default_shipping_address: customer.address ? JSON.stringify(customer.address) : null, updated_at: trx.fn.now() });
}

/** The customer's default shipping address, addressed to them by name; undefined when they have none. */
export async function findDefaultAddress(db: Knex | Knex.Transaction, customerId: string): Promise<ShippingAddress | undefined> {
  const row = await db('customer_addresses')
    .where({ customer_id: customerId })
    .first<{ name: string; default_shipping_address: Omit<ShippingAddress, 'name'> | null } | undefined>('name', 'default_shipping_address');
  if (!row?.default_shipping_address) return undefined;
  return { name: row.name, ...row.default_shipping_address };
}
