import { Model, snakeCaseMappers } from 'objection';

export class IdempotencyKeyModel extends Model {
  static override tableName = 'order_idempotency_keys';
  static override idColumn = ['customer_id', 'key'];
  static override columnNameMappers = snakeCaseMappers();

  declare customerId: string;
  declare key: string;
  declare requestHash: string;
  declare orderId: string;
  declare createdAt: Date;
}
