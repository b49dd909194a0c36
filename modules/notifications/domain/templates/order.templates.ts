import { html } from '../html';
import { formatMoney } from '../../../../src/money/format-money';
import { BRAND, formatUtcDateTime, htmlDocument, orderReference, textDocument } from './layout';
import { lineLabel, type Addressee, type MessageOf, type RenderedMessage } from './template-message';

export function renderOrderAwaitingPayment(to: Addressee, { data }: MessageOf<'order-awaiting-payment'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const total = formatMoney(data.total);
  const due = formatUtcDateTime(data.paymentDueAt);
  const subject = `Your order ${ref} is waiting for payment`;
  return {
    subject,
    text: textDocument(to, [
      `We have reserved the items of your order ${ref}. Please pay ${total} by ${due}, or the order will be cancelled.`,
      `Order id: ${data.orderId}`,
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>We have reserved the items of your order <strong>${ref}</strong>. Please pay <strong>${total}</strong> by ${due}, or the order will be cancelled.</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: please pay ${total} for order ${ref} by ${due}.`,
  };
}

export function renderOrderConfirmed(to: Addressee, { data }: MessageOf<'order-confirmed'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const total = formatMoney(data.total);
  const subject = `Order ${ref} confirmed`;
  const lines = data.lines.map((l) => ({ ...l, formatted: formatMoney(l.lineTotal) }));
  const discount = data.discount && data.discount.amount.amountMinor > 0 ? data.discount : undefined;
  const discountLabel = discount ? `Discount (${discount.promotionCode})` : '';
  const discountAmount = discount ? `−${formatMoney(discount.amount)}` : '';
  const extras = [
    ...(data.shipping ? [{ label: `Shipping (${data.shipping.name})`, amount: formatMoney(data.shipping.amount) }] : []),
    ...(data.tax && data.tax.amount.amountMinor > 0 ? [{ label: data.tax.included ? 'Tax included' : 'Tax', amount: formatMoney(data.tax.amount) }] : []),
  ];
  return {
    subject,
    text: textDocument(to, [
      `Thank you for your payment. Your order ${ref} is confirmed.`,
      [...lines.map((l) => `  ${l.quantity} × ${lineLabel(l)}  ${l.formatted}`), ...(discount ? [`  ${discountLabel}  ${discountAmount}`] : []), ...extras.map((e) => `  ${e.label}: ${e.amount}`), `  Total: ${total}`].join('\n'),
      `Order id: ${data.orderId}`,
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Thank you for your payment. Your order <strong>${ref}</strong> is confirmed.</p>
<table cellpadding="4" style="border-collapse: collapse;">
${lines.map((l) => html`<tr><td>${l.quantity} ×</td><td>${lineLabel(l)}</td><td style="text-align: right;">${l.formatted}</td></tr>\n`)}${discount ? html`<tr><td></td><td>${discountLabel}</td><td style="text-align: right;">${discountAmount}</td></tr>\n` : ''}${extras.map((e) => html`<tr><td></td><td>${e.label}</td><td style="text-align: right;">${e.amount}</td></tr>\n`)}<tr><td></td><th style="text-align: left;">Total</th><th style="text-align: right;">${total}</th></tr>
</table>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: order ${ref} confirmed, total ${total}.`,
  };
}

export function renderOrderRejected(to: Addressee, { data }: MessageOf<'order-rejected'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const subject = `We could not accept your order ${ref}`;
  const reason = data.reason || 'some items are not available';
  return {
    subject,
    text: textDocument(to, [`Sorry, we could not accept your order ${ref}: ${reason}. You have not been charged.`, `Order id: ${data.orderId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Sorry, we could not accept your order <strong>${ref}</strong>: ${reason}. You have not been charged.</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: sorry, order ${ref} could not be accepted. You have not been charged.`,
  };
}

export function renderOrderShipped(to: Addressee, { data }: MessageOf<'order-shipped'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const subject = `Your order ${ref} is on its way`;
  const tracking = data.trackingNumber ? `Tracking number: ${data.trackingNumber}` : 'Tracking details will follow.';
  return {
    subject,
    text: textDocument(to, [`Good news: your order ${ref} has shipped.`, tracking, `Order id: ${data.orderId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Good news: your order <strong>${ref}</strong> has shipped.</p>
<p>${tracking}</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: order ${ref} has shipped.${data.trackingNumber ? ` Tracking: ${data.trackingNumber}` : ''}`,
  };
}

export function renderOrderCancelled(to: Addressee, { data }: MessageOf<'order-cancelled'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const subject = `Your order ${ref} was cancelled`;
  const reason = data.reason ? ` (${data.reason})` : '';
  const refund = data.refundRequired ? 'Your payment will be refunded to the original payment method.' : 'You have not been charged.';
  return {
    subject,
    text: textDocument(to, [`Your order ${ref} was cancelled${reason}. ${refund}`, `Order id: ${data.orderId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Your order <strong>${ref}</strong> was cancelled${reason}. ${refund}</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: order ${ref} was cancelled. ${refund}`,
  };
}
