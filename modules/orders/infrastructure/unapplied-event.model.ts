import { Model, snakeCaseMappers } from 'objection';

export class UnappliedEventModel extends Model {
  static override tableName = 'order_unapplied_events';
  static override columnNameMappers = snakeCaseMappers();

  declare id: number;
  declare orderId: string;
  declare eventId: string;
  declare eventType: string;
  declare orderStatus: string | null;
  declare action: string;
  declare recordedAt: Date;
}
