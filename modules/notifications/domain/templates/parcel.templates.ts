import { html } from '../html';
import { formatMoney } from '../../../../src/money/format-money';
import { BRAND, htmlDocument, orderReference, textDocument } from './layout';
import { lineLabel, type Addressee, type MessageOf, type ParcelItem, type RenderedMessage } from './template-message';

const itemText = (items: readonly ParcelItem[]) => items.map((i) => `  ${i.quantity} × ${lineLabel(i)}`).join('\n');
const itemHtml = (items: readonly ParcelItem[]) => html`<ul>
${items.map((i) => html`<li>${i.quantity} × ${lineLabel(i)}</li>\n`)}</ul>`;

/** One parcel of an order left with a carrier: what is in it and how to track it. */
export function renderParcelShipped(to: Addressee, { data }: MessageOf<'parcel-shipped'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const subject = `Your order ${ref} is on its way`;
  const carrier = data.carrier ? `${data.carrier} ` : '';
  const tracking = `${carrier}tracking number: ${data.trackingNumber}`;
  return {
    subject,
    text: textDocument(to, [`Good news: a parcel of your order ${ref} has shipped:`, itemText(data.items), tracking, ...(data.trackingUrl ? [`Track it: ${data.trackingUrl}`] : []), `Order id: ${data.orderId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Good news: a parcel of your order <strong>${ref}</strong> has shipped:</p>
${itemHtml(data.items)}
<p>${tracking}${data.trackingUrl ? html` (<a href="${data.trackingUrl}">track it</a>)` : ''}</p>
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: a parcel of order ${ref} has shipped. Tracking: ${data.trackingNumber}`,
  };
}

export function renderParcelDelivered(to: Addressee, { data }: MessageOf<'parcel-delivered'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const subject = `A parcel of your order ${ref} was delivered`;
  return {
    subject,
    text: textDocument(to, [`A parcel of your order ${ref} was delivered:`, itemText(data.items), `Order id: ${data.orderId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>A parcel of your order <strong>${ref}</strong> was delivered:</p>
${itemHtml(data.items)}
<p style="color: #666;">Order id: ${data.orderId}</p>`,
    ),
    sms: `${BRAND}: a parcel of order ${ref} was delivered.`,
  };
}

const RETURN_STEPS: Record<MessageOf<'return-update'>['data']['status'], { subject: string; says: string }> = {
  REQUESTED: { subject: 'We received your return request', says: 'We received your request to return:' },
  APPROVED: { subject: 'Your return was approved', says: 'Your return was approved. Please send us:' },
  DECLINED: { subject: 'Your return was declined', says: 'We are sorry: we cannot accept the return of:' },
  RECEIVED: { subject: 'We received your returned items', says: 'Your returned items arrived:' },
};

/** Each step of a return, with the reason it was declined or the refund it brings. */
export function renderReturnUpdate(to: Addressee, { data }: MessageOf<'return-update'>): RenderedMessage {
  const ref = orderReference(data.orderId);
  const step = RETURN_STEPS[data.status];
  const subject = `${step.subject} (order ${ref})`;
  const reason = data.reason ? `Reason: ${data.reason}` : undefined;
  const refund = data.refund && data.refund.amountMinor > 0 ? `We are refunding ${formatMoney(data.refund)} to your original payment method.` : undefined;
  const notes = [reason, refund].filter((p): p is string => p !== undefined);
  return {
    subject,
    text: textDocument(to, [step.says, itemText(data.items), ...notes, `Order id: ${data.orderId}`, `Return id: ${data.returnId}`]),
    html: htmlDocument(
      to,
      subject,
      html`<p>${step.says}</p>
${itemHtml(data.items)}
${notes.map((n) => html`<p>${n}</p>\n`)}<p style="color: #666;">Order id: ${data.orderId}<br>Return id: ${data.returnId}</p>`,
    ),
    sms: `${BRAND}: ${step.subject.toLowerCase()} (order ${ref}).${refund ? ` ${refund}` : ''}`,
  };
}
