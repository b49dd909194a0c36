import { BRAND, htmlDocument, textDocument } from './layout';
import type { Addressee, RenderedMessage } from './template-message';
import { html } from '../html';

export function renderWelcome(to: Addressee): RenderedMessage {
  const subject = `Welcome to ${BRAND}`;
  return {
    subject,
    text: textDocument(to, [`Thanks for joining ${BRAND}. Your account is ready: browse the catalogue and place your first order.`]),
    html: htmlDocument(to, subject, html`<p>Thanks for joining ${BRAND}. Your account is ready: browse the catalogue and place your first order.</p>`),
    sms: `${BRAND}: welcome! Your account is ready.`,
  };
}
