import { quantityOf, type Fulfilment } from '../fulfilment/fulfilment';
import type { Order } from '../order';
import { OrderErrors } from '../orders.errors';
import { unitsHeld, type OrderReturn, type Receipt, type ReturnLine } from './order-return';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReturnRequestLine {
  variantId: string;
  quantity: number;
  reason: string;
}

/**
 * Which units a customer may send back: delivered ones, within `windowDays` of the last delivery of their line,
 * not already held by another return (asked, approved or received; declined ones give their units back).
 */
export function checkReturnRequest(
  order: Pick<Order, 'lines'>,
  fulfilments: readonly Fulfilment[],
  returns: readonly OrderReturn[],
  request: readonly ReturnRequestLine[],
  now: Date,
  windowDays: number,
): ReturnLine[] {
  const seen = new Set<string>();
  const lines: ReturnLine[] = [];
  for (const [index, line] of request.entries()) {
    const variantId = line.variantId.toLowerCase();
    const field = `lines[${index}]`;
    if (seen.has(variantId)) throw OrderErrors.invalidReturn([{ field: `${field}.variantId`, message: 'Each variant appears once' }]);
    seen.add(variantId);
    if (!order.lines.some((l) => l.variantId === variantId)) throw OrderErrors.invalidReturn([{ field: `${field}.variantId`, message: 'The order has no line of this variant' }]);
    const reason = line.reason.trim();
    if (reason === '') throw OrderErrors.invalidReturn([{ field: `${field}.reason`, message: 'Say why the units go back' }]);
    lines.push({ variantId, quantity: line.quantity, reason, receipt: null });
  }
  const delivered = fulfilments.filter((f) => f.status === 'DELIVERED');
  const over = lines
    .map((line) => {
      const returnable = delivered.reduce((sum, f) => sum + quantityOf(f.lines, line.variantId), 0) - returns.reduce((sum, r) => sum + unitsHeld(r, line.variantId), 0);
      return { variantId: line.variantId, requested: line.quantity, returnable };
    })
    .filter((line) => line.requested > line.returnable);
  if (over.length > 0) throw OrderErrors.returnExceedsDelivered(over);
  for (const line of lines) {
    const lastDelivery = Math.max(...delivered.filter((f) => quantityOf(f.lines, line.variantId) > 0).map((f) => f.deliveredAt!.getTime()));
    if (now.getTime() > lastDelivery + windowDays * DAY_MS) throw OrderErrors.returnWindowClosed(windowDays);
  }
  return lines;
}

export interface ReceiptRequest {
  variantId: string;
  /** Units going back to stock, per location. */
  restock: Array<{ locationId: string; quantity: number }>;
  /** Units received that cannot be sold again. */
  damaged: number;
}

/** Checks what the admin received against what the return asked: per line, no more than asked. */
export function checkReceipt(ret: OrderReturn, receipts: readonly ReceiptRequest[]): ReturnLine[] {
  const byVariant = new Map<string, ReceiptRequest>();
  for (const [index, receipt] of receipts.entries()) {
    const variantId = receipt.variantId.toLowerCase();
    if (byVariant.has(variantId)) throw OrderErrors.invalidReceipt([{ field: `lines[${index}].variantId`, message: 'Each variant appears once' }]);
    if (!ret.lines.some((l) => l.variantId === variantId)) throw OrderErrors.invalidReceipt([{ field: `lines[${index}].variantId`, message: 'The return has no line of this variant' }]);
    byVariant.set(variantId, receipt);
  }
  return ret.lines.map((line, index) => {
    const asked = byVariant.get(line.variantId);
    const receipt: Receipt = {
      quantity: asked ? asked.restock.reduce((sum, r) => sum + r.quantity, 0) + asked.damaged : 0,
      restock: (asked?.restock ?? []).filter((r) => r.quantity > 0).map((r) => ({ locationId: r.locationId.toLowerCase(), quantity: r.quantity })),
      damaged: asked?.damaged ?? 0,
    };
    if (receipt.quantity > line.quantity) {
      throw OrderErrors.invalidReceipt([{ field: `lines[${index}]`, message: `${receipt.quantity} units received, but the return asked for ${line.quantity}` }]);
    }
    return { ...line, receipt };
  });
}
