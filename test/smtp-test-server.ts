import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { waitFor } from './wait-for';

export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  from: string;
  to: string[];
  /** Header names lower-cased, folded lines joined, encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  /** The decoded text/plain and text/html parts ('' when absent). */
  text: string;
  html: string;
  raw: string;
  receivedAt: number;
}

interface FailurePlan {
  remaining: number;
  code: number;
  message: string;
  to?: string;
}

/**
 * A real SMTP server in the test process (no auth, no TLS, random port). It keeps every accepted message and
 * can be told to refuse deliveries, to exercise a sender's retries: `failNext(2)` refuses the next two,
 * `failNext(Infinity, { code: 554 })` refuses all until `clearFailures()`; `to` limits a plan to one recipient.
 */
export class SmtpTestServer {
  readonly messages: ReceivedMail[] = [];
  private failures: FailurePlan[] = [];
  /** Refused RCPT TO commands, for asserting how often a sender tried. */
  refusals = 0;

  private readonly server: SMTPServer;
  private port = 0;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => this.onRcptTo(address, callback),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.mailFrom, session.envelope.rcptTo));
          callback();
        });
      },
    });
  }

  static async start(): Promise<SmtpTestServer> {
    const smtp = new SmtpTestServer();
    await new Promise<void>((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.server.listen(0, '127.0.0.1', () => resolve());
    });
    smtp.port = (smtp.server.server.address() as AddressInfo).port;
    // A client that drops its connection (a sender killed mid-session) is the client's fault, not the server's.
    smtp.server.on('error', () => undefined);
    return smtp;
  }

  /** For SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  failNext(count: number, options: { code?: number; message?: string; to?: string } = {}): void {
    const code = options.code ?? 451;
    this.failures.push({
      remaining: count,
      code,
      message: options.message ?? (code >= 500 ? 'Mailbox unavailable' : 'Try again later'),
      to: options.to?.toLowerCase(),
    });
  }

  clearFailures(): void {
    this.failures = [];
  }

  messagesTo(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  waitForMessage(what: string, predicate: (mail: ReceivedMail) => boolean, timeoutMs = 30_000): Promise<ReceivedMail> {
    return waitFor(what, () => this.messages.find(predicate), { timeoutMs });
  }

  /**
   * The token of the first link to the shop's `page` (verify-email, reset-password) mailed to the address at or
   * after `since` (ms), as a person clicking the link would pass it on.
   */
  async linkTokenMailedTo(email: string, page: 'verify-email' | 'reset-password', since = 0, timeoutMs = 30_000): Promise<string> {
    const pattern = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]{43})`);
    const to = email.toLowerCase();
    const mail = await this.waitForMessage(`a ${page} link to ${email}`, (m) => m.to.includes(to) && m.receivedAt >= since && pattern.test(m.text), timeoutMs);
    return pattern.exec(mail.text)![1];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRcptTo(address: SMTPServerAddress, callback: (error?: Error) => void): void {
    const to = address.address.toLowerCase();
    const plan = this.failures.find((f) => f.remaining > 0 && (f.to === undefined || f.to === to));
    if (!plan) return callback();
    plan.remaining -= 1;
    this.refusals += 1;
    callback(Object.assign(new Error(plan.message), { responseCode: plan.code }));
  }
}

function parseMail(raw: string, mailFrom: SMTPServerAddress | false, rcptTo: SMTPServerAddress[]): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const parts = leafParts(headers, body);
  return {
    from: mailFrom ? mailFrom.address.toLowerCase() : '',
    to: rcptTo.map((r) => r.address.toLowerCase()),
    headers,
    subject: headers.subject ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
    raw,
    receivedAt: Date.now(),
  };
}

function splitHeaders(entity: string): { headers: Record<string, string>; body: string } {
  const end = entity.search(/\r?\n\r?\n/);
  const head = end === -1 ? entity : entity.slice(0, end);
  const body = end === -1 ? '' : entity.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function leafParts(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const contentType = headers['content-type'] ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) return [];
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => {
        const inner = splitHeaders(part.replace(/^\r?\n/, ''));
        return leafParts(inner.headers, inner.body);
      });
  }
  return [{ type, content: decodeBody(body, headers['content-transfer-encoding']) }];
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
    default:
      return body;
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_match, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
