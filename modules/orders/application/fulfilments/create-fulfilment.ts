import type { Knex } from 'knex';
import type { Principal } from '../../../../src/auth/principal';
import type { Fulfilment, ItemQuantity } from '../../domain/fulfilment/fulfilment';
import { planFulfilment } from '../../domain/fulfilment/plan-fulfilment';
import { requireAdmin } from '../../domain/order-access';
import type { Order } from '../../domain/order';
import { OrderErrors } from '../../domain/orders.errors';
import { allocationsOf } from '../../infrastructure/fulfilment.repository';
import { availableAtLocation } from '../../infrastructure/stock-level.repository';
import { isUuid } from '../../../../src/validation/uuid';
import { addFulfilment } from './add-fulfilment';
import { OrderFulfilments } from './order-fulfilments';

export interface CreateFulfilmentCommand {
  orderId: string;
  locationId: string;
  lines: ItemQuantity[];
}

/**
 * An admin starts packing some units of a paid order at one stock location (see planFulfilment). Units reserved
 * elsewhere are moved there by inventory (FulfilmentCreated names the moves); until it confirms, the fulfilment
 * cannot ship.
 */
export async function createFulfilment(db: Knex, caller: Principal, command: CreateFulfilmentCommand): Promise<{ order: Order; fulfilment: Fulfilment }> {
  requireAdmin(caller, 'fulfil orders');
  if (!isUuid(command.locationId)) throw OrderErrors.invalidFulfilment([{ field: 'locationId', message: 'Must be a stock location id' }]);
  return db.transaction(async (trx) => {
    const all = await OrderFulfilments.lock(trx, command.orderId);
    const fulfilment = await planned(trx, all, command.locationId.toLowerCase(), command.lines, caller.userId);
    const order = await all.save(trx, caller.userId);
    return { order, fulfilment };
  });
}

/** Plans a fulfilment of `lines` at the location and adds it (with FulfilmentCreated) to the order's fulfilments. */
export async function planned(trx: Knex.Transaction, all: OrderFulfilments, locationId: string, lines: ItemQuantity[], actor: string): Promise<Fulfilment> {
  const { order } = all;
  const variantIds = order.lines.map((line) => line.variantId);
  const [allocations, available] = await Promise.all([allocationsOf(trx, order.id), availableAtLocation(trx, variantIds, locationId)]);
  const plan = planFulfilment(order, all.fulfilments, { locationId, lines }, allocations, available);
  return addFulfilment(all, { locationId, ...plan }, actor);
}
