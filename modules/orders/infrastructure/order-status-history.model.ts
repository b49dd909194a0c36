import { Model, snakeCaseMappers } from 'objection';
import type { OrderStatus } from '../domain/order-status';

export class OrderStatusHistoryModel extends Model {
  static override tableName = 'order_status_history';
  static override columnNameMappers = snakeCaseMappers();

  declare id: number;
  declare orderId: string;
  declare fromStatus: OrderStatus | null;
  declare toStatus: OrderStatus;
  declare reason: string | null;
  declare actor: string;
  declare occurredAt: Date;
}
