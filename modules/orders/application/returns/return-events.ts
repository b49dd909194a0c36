import type { mart } from '../../../../proto/streams';
import type { Order } from '../../domain/order';
import type { ReturnLine } from '../../domain/returns/order-return';
import { eventItems } from '../fulfilments/fulfilment-events';

/** A return's lines as ReturnRequested and ReturnApproved carry them. */
export function eventReturnLines(order: Pick<Order, 'lines'>, lines: readonly ReturnLine[]): mart.orders.v1.IReturnLine[] {
  return lines.map((line) => ({ item: eventItems(order, [line])[0], reason: line.reason }));
}
