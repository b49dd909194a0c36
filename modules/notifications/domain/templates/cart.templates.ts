import { html } from '../html';
import { formatMoney } from '../../../../src/money/format-money';
import { BRAND, htmlDocument, textDocument } from './layout';
import { lineLabel, type Addressee, type MessageOf, type RenderedMessage } from './template-message';

/** One reminder of a cart left untouched, listing what is in it at today's prices. */
export function renderCartReminder(to: Addressee, { data }: MessageOf<'cart-reminder'>): RenderedMessage {
  const subtotal = formatMoney(data.subtotal);
  const subject = 'You left something in your cart';
  const lines = data.lines.map((l) => ({ ...l, formatted: formatMoney(l.lineTotal) }));
  return {
    subject,
    text: textDocument(to, [
      'Your cart is still waiting for you:',
      [...lines.map((l) => `  ${l.quantity} × ${lineLabel(l)}  ${l.formatted}`), `  Subtotal: ${subtotal}`].join('\n'),
      'Prices and availability may change until you check out.',
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Your cart is still waiting for you:</p>
<table cellpadding="4" style="border-collapse: collapse;">
${lines.map((l) => html`<tr><td>${l.quantity} ×</td><td>${lineLabel(l)}</td><td style="text-align: right;">${l.formatted}</td></tr>\n`)}<tr><td></td><th style="text-align: left;">Subtotal</th><th style="text-align: right;">${subtotal}</th></tr>
</table>
<p style="color: #666;">Prices and availability may change until you check out.</p>`,
    ),
    sms: `${BRAND}: your cart (${subtotal}) is still waiting for you.`,
  };
}
