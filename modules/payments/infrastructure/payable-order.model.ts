import { Model, snakeCaseMappers } from 'objection';
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
}
