import { Model, snakeCaseMappers } from 'objection';
import type { PayableOrder } from '../domain/payable-order';
import type { PayableOrderStatus } from '../domain/payable-order-status';

/** The payments module's read model of an order, kept from OrderStream events. */
export class PayableOrderModel extends Model {
  static override tableName = 'payable_orders';
  static override idColumn = 'order_id';
  static override get columnNameMappers() {
    return snakeCaseMappers();
  }

  orderId!: string;
  customerId!: string;
  status!: PayableOrderStatus;
  amountCents!: number | null;
  currency!: string | null;
  paymentDueAt!: Date | null;
  /** Why the order closed (order_rejected, order_expired, order_cancelled), once CLOSED. */
  closedReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;

  toPayableOrder(): PayableOrder {
    const { orderId, customerId, status, amountCents, currency, paymentDueAt, closedReason, createdAt, updatedAt } = this;
    return { orderId, customerId, status, amountCents, currency, paymentDueAt, closedReason, createdAt, updatedAt };
  }
}
