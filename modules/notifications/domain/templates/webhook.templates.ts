import { html } from '../html';
import { BRAND, htmlDocument, textDocument } from './layout';
import type { Addressee, MessageOf, RenderedMessage } from './template-message';

export function renderWebhookEndpointDisabled(to: Addressee, { data }: MessageOf<'webhook-endpoint-disabled'>): RenderedMessage {
  const subject = `A webhook endpoint was disabled: ${data.url}`;
  return {
    subject,
    text: textDocument(to, [
      `Webhook endpoint ${data.url} kept failing and was disabled: ${data.reason}.`,
      'It receives no events until an admin enables it again (PATCH /webhook-endpoints/{id} with "enabled": true); events of the meantime can then be replayed.',
      `Endpoint id: ${data.endpointId}`,
    ]),
    html: htmlDocument(
      to,
      subject,
      html`<p>Webhook endpoint <strong>${data.url}</strong> kept failing and was disabled: ${data.reason}.</p>
<p>It receives no events until an admin enables it again (<code>PATCH /webhook-endpoints/{id}</code> with <code>"enabled": true</code>); events of the meantime can then be replayed.</p>
<p style="color: #666;">Endpoint id: ${data.endpointId}</p>`,
    ),
    sms: `${BRAND}: webhook endpoint ${data.url} was disabled after repeated failures.`,
  };
}
