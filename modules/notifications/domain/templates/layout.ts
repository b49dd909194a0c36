import { html, type SafeHtml } from '../html';
import type { Addressee } from './template-message';

export const BRAND = 'Mart';

export function greeting(to: Addressee): string {
  return to.name ? `Hi ${to.name},` : 'Hello,';
}

/** Order ids are UUIDs; people quote the first block, support looks up the full id printed below it. */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(0, 8).toUpperCase()}`;
}

export function textDocument(to: Addressee, paragraphs: string[]): string {
  return [greeting(to), '', ...paragraphs.flatMap((p) => [p, '']), `— The ${BRAND} team`, ''].join('\n');
}

export function htmlDocument(to: Addressee, subject: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: sans-serif; color: #222;">
<p>${greeting(to)}</p>
${body}
<p>— The ${BRAND} team</p>
</body>
</html>
`.markup;
}

export function formatUtcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const formatted = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  return `${formatted} UTC`;
}
