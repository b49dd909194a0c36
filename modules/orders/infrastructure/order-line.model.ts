import { Model, snakeCaseMappers } from 'objection';
import type { TaxLine } from '../domain/tax/order-breakdown';

export class OrderLineModel extends Model {
  static override tableName = 'order_lines';
  static override idColumn = ['order_id', 'line_number'];
  static override columnNameMappers = snakeCaseMappers();
  static override jsonAttributes = ['options', 'tax'];

  declare orderId: string;
  declare lineNumber: number;
  declare productId: string;
  declare variantId: string;
  declare options: Array<{ option: string; value: string }>;
  declare sku: string;
  declare name: string;
  declare quantity: number;
  declare unitPriceCents: number;
  declare lineTotalCents: number;
  declare discountCents: number;
  declare tax: TaxLine | null;
}
