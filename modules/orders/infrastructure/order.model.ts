import { Model, snakeCaseMappers, type RelationMappings } from 'objection';
import type { ShippingAddress, ShippingLine } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import { OrderLineModel } from './order-line.model';
import { OrderStatusHistoryModel } from './order-status-history.model';

export class OrderModel extends Model {
  static override tableName = 'orders';
  static override columnNameMappers = snakeCaseMappers();
  static override jsonAttributes = ['shippingAddress', 'shipping'];

  static override relationMappings = (): RelationMappings => ({
    lines: {
      relation: Model.HasManyRelation,
      modelClass: OrderLineModel,
      join: { from: 'orders.id', to: 'order_lines.order_id' },
      modify: (query) => query.orderBy('line_number'),
    },
    history: {
      relation: Model.HasManyRelation,
      modelClass: OrderStatusHistoryModel,
      join: { from: 'orders.id', to: 'order_status_history.order_id' },
      modify: (query) => query.orderBy('id'),
    },
  });

  declare id: string;
  declare customerId: string;
  declare status: OrderStatus;
  declare subtotalCents: number;
  declare discountCents: number;
  declare shipping: ShippingLine | null;
  declare taxCents: number;
  declare pricesIncludeTax: boolean;
  declare rounding: string;
  declare totalCents: number;
  declare promotionCode: string | null;
  declare currency: string;
  declare shippingAddress: ShippingAddress;
  declare paymentDueAt: Date | null;
  declare paymentId: string | null;
  declare trackingNumber: string | null;
  declare refundedCents: number;
  declare statusReason: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare lines?: OrderLineModel[];
  declare history?: OrderStatusHistoryModel[];
}
