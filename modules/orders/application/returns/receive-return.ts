import type { Knex } from 'knex';
import { OrderStream } from '../../../../proto/streams';
import type { Principal } from '../../../../src/auth/principal';
import { recordEvent } from '../../../../src/messaging/outbox';
import { isUuid } from '../../../../src/validation/uuid';
import { eventMoney } from '../../domain/order-events';
import { requireAdmin } from '../../domain/order-access';
import type { Order } from '../../domain/order';
import { OrderErrors } from '../../domain/orders.errors';
import { receivedByVariant, type OrderReturn, type ReturnRefund } from '../../domain/returns/order-return';
import { refundForReturn } from '../../domain/returns/refund-for-return';
import { checkReceipt, type ReceiptRequest } from '../../domain/returns/return-rules';
import { saveReturn } from '../../infrastructure/return.repository';
import { eventItems } from '../fulfilments/fulfilment-events';
import { lockReturn } from './locked-returns';

/**
 * An admin records what came back: per line the units going back to stock (where) and those damaged. Inventory
 * restocks, and payments refunds what exactly those units were paid (shipping too when `refundShipping`), capped by
 * what the payment still holds: all from ReturnReceived, in this transaction's outbox.
 */
export async function receiveReturn(db: Knex, caller: Principal, returnId: string, receipts: ReceiptRequest[], refundShipping: boolean): Promise<OrderReturn> {
  requireAdmin(caller, 'receive returns');
  for (const [index, receipt] of receipts.entries()) {
    for (const [r, restock] of receipt.restock.entries()) {
      if (!isUuid(restock.locationId)) throw OrderErrors.invalidReceipt([{ field: `lines[${index}].restock[${r}].locationId`, message: 'Must be a stock location id' }]);
    }
  }
  return db.transaction(async (trx) => {
    const { order, returns, ret } = await lockReturn(trx, caller, returnId);
    if (ret.status !== 'APPROVED') throw OrderErrors.returnNotInStatus(ret.id, ret.status, 'received');
    const lines = checkReceipt(ret, receipts);
    const refund = refundOf(order, returns.filter((r) => r.id !== ret.id), lines.map((l) => ({ variantId: l.variantId, quantity: l.receipt!.quantity })), refundShipping);
    const now = new Date();
    const received: OrderReturn = { ...ret, status: 'RECEIVED', lines, refundShipping, refund, updatedAt: now };
    const change = { status: 'RECEIVED' as const, reason: null, actor: caller.userId, occurredAt: now };
    await saveReturn(trx, received, change);
    await recordEvent(trx, OrderStream, order.id, 'returnReceived', {
      returnId: ret.id,
      orderId: order.id,
      customerId: order.customerId,
      paymentId: order.paymentId ?? '',
      lines: lines.map((line) => ({
        item: eventItems(order, [{ variantId: line.variantId, quantity: line.receipt!.quantity }])[0],
        restock: line.receipt!.restock,
        damaged: line.receipt!.damaged,
        refund: eventMoney(refund.lines.find((l) => l.variantId === line.variantId)!.amountMinor, order.currency),
      })),
      shippingRefund: eventMoney(refund.shippingMinor, order.currency),
      refund: eventMoney(refund.totalMinor, order.currency),
    });
    return { ...received, history: [...ret.history, change] };
  });
}

/** What returning these units gives back, after what the order's other returns received (and shipping they refunded). */
export function refundOf(order: Order, others: readonly OrderReturn[], units: ReadonlyArray<{ variantId: string; quantity: number }>, refundShipping: boolean): ReturnRefund {
  const before = receivedByVariant(others, order.lines.map((l) => l.variantId));
  const shippingRefunded = others.some((r) => (r.status === 'RECEIVED' || r.status === 'REFUNDED') && (r.refund?.shippingMinor ?? 0) > 0);
  return refundForReturn(order, units, before, { refund: refundShipping, alreadyRefunded: shippingRefunded });
}
