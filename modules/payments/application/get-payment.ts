import type { Knex } from 'knex';
import type { Principal } from '../../../src/auth/access-tokens';
import { isUuid } from '../../../src/validation/uuid';
import { PaymentErrors } from '../domain/payments.errors';
import { PaymentModel } from '../infrastructure/payment.model';

/** A payment with its refunds, for its customer or an admin; anyone else learns nothing, not even that it exists. */
export class GetPayment {
  constructor(private readonly db: Knex) {}

  async execute(caller: Principal, paymentId: string): Promise<PaymentModel> {
    if (!isUuid(paymentId)) throw PaymentErrors.paymentNotFound();
    const payment = await PaymentModel.query(this.db)
      .findById(paymentId)
      .withGraphFetched('refunds(oldestFirst)')
      .modifiers({ oldestFirst: (query) => query.orderBy([{ column: 'created_at' }, { column: 'id' }]) });
    if (!payment || (caller.role !== 'admin' && payment.customerId !== caller.userId)) throw PaymentErrors.paymentNotFound();
    return payment;
  }
}
