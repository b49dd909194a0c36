import type { Knex } from 'knex';

/**
 * Erases what payments holds about customers: the card's brand and last digits, and a held payment's card token.
 * Amounts, statuses and the processor's references stay: they are the accounting record, and refunds go through
 * the processor by its reference.
 */
export async function eraseCustomerPayments(trx: Knex.Transaction, customerIds: readonly string[]): Promise<void> {
  const payments = await trx('payments').whereRaw('customer_id = any(?::uuid[])', [[...customerIds]]).orderBy('id').forUpdate().select<Array<{ id: string }>>('id');
  await trx('payments')
    .whereIn(
      'id',
      payments.map((payment) => payment.id),
    )
    .update({ card_brand: null, card_last4: null, payment_method_token: null });
}
