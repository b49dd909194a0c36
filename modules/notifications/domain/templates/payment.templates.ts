import { html } from '../html';
import { formatMoney } from '../../../../src/money/format-money';
import { BRAND, htmlDocument, orderReference, textDocument } from './layout';
import type { Addressee, MessageOf, RenderedMessage } from './template-message';

export function renderPaymentFailed(to: Addressee, { data }: MessageOf<'payment-failed'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const amount = formatMoney(data.amount);
  const reason = data.reason || 'the payment was declined';
  const subject = `Payment for order ${ref} failed`;
  return {
    subject,
    text: textDocument(to, [
      `We could not take your payment of ${amount} for order ${ref}: ${reason}.`,
      'You can try again with another card before the order expires.',
      `Order id: ${data.orderId}`,
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>We could not take your payment of <strong>${amount}</strong> for order <strong>${ref}</strong>: ${reason}.</p>
<p>You can try again with another card before the order expires.</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: payment of ${amount} for order ${ref} failed. Please try again.`,
  };
}

export function renderPaymentRefunded(to: Addressee, { data }: MessageOf<'payment-refunded'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const amount = formatMoney(data.amount);
  const totalRefunded = formatMoney(data.totalRefunded);
  const subject = `Refund of ${amount} for order ${ref}`;
  const partial = data.totalRefunded.amountMinor !== data.amount.amountMinor ? ` In total, ${totalRefunded} has been refunded for this order.` : '';
  return {
    subject,
    text: textDocument(to, [
      `We have refunded ${amount} for order ${ref}.${partial} It may take a few days to appear on your statement.`,
      `Order id: ${data.orderId}`,
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>We have refunded <strong>${amount}</strong> for order <strong>${ref}</strong>.${partial} It may take a few days to appear on your statement.</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: ${amount} refunded for order ${ref}.`,
  };
}
