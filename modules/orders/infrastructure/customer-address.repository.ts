import type { Knex } from 'knex';
import type { StatementResult } from '../../../src/db/one-round-trip';
import type { ShippingAddress } from '../domain/order';

/**
 * Keeps a customer's name and default address as their latest user event says (user events arrive in order); an
 * erased customer's row stays empty.
 */
export async function saveDefaultAddress(
  trx: Knex.Transaction,
  customer: { customerId: string; name: string; address: Omit<ShippingAddress, 'name'> | null },
): Promise<void> {
  const address = customer.address ? JSON.stringify(customer.address) : null;
  await trx.raw(
    `insert into customer_addresses (customer_id, name, default_shipping_address) values (?, ?, ?)
     on conflict (customer_id) do update set name = excluded.name, default_shipping_address = excluded.default_shipping_address, updated_at = now()
     where customer_addresses.erased_at is null`,
    [customer.customerId, customer.name, address],
  );
}

/** Erasure: no name or address is kept for the customers, and none will be again. */
export async function eraseDefaultAddresses(trx: Knex.Transaction, customerIds: readonly string[]): Promise<void> {
  await trx.raw(
    `insert into customer_addresses (customer_id, name, default_shipping_address, erased_at) select unnest(?::uuid[]), '', null, now()
     on conflict (customer_id) do update set name = '', default_shipping_address = null, erased_at = now(), updated_at = now()`,
    [[...customerIds]],
  );
}

/** The customer's default shipping address, addressed to them by name; undefined when they have none. */
type AddressRow = { name: string; default_shipping_address: Omit<ShippingAddress, 'name'> | null };

export async function findDefaultAddress(db: Knex | Knex.Transaction, customerId: string): Promise<ShippingAddress | undefined> {
  const row = await db('customer_addresses').where({ customer_id: customerId }).first<AddressRow | undefined>('name', 'default_shipping_address');
  return toAddress(row);
}

/** findDefaultAddress as a complete statement, to send with others; `defaultAddressOf` reads its result. */
export function findDefaultAddressStatement(db: Knex, customerId: string): string {
  return db('customer_addresses').where({ customer_id: customerId }).first('name', 'default_shipping_address').toQuery();
}

export function defaultAddressOf(result: StatementResult): ShippingAddress | undefined {
  return toAddress(result.rows[0] as AddressRow | undefined);
}

function toAddress(row: AddressRow | undefined): ShippingAddress | undefined {
  if (!row?.default_shipping_address) return undefined;
  return { name: row.name, ...row.default_shipping_address };
}
