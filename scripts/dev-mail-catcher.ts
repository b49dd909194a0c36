import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * The local stand-in for compose's Mailpit: accepts mail on :1025 (SMTP_URL's default) and keeps each
 * message as an .eml file under .cache/mail, logging recipient and subject. Development only.
 */
const port = Number(process.env.MAIL_CATCHER_PORT ?? 1025);
const folder = path.resolve(__dirname, '..', '.cache', 'mail');
mkdirSync(folder, { recursive: true });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const subject = /^Subject: (.*)$/im.exec(raw)?.[1] ?? '(no subject)';
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`);
      writeFileSync(file, raw);
      console.log(`mail-catcher: to ${to}: ${subject} (${path.relative(process.cwd(), file)})`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`mail-catcher: listening on smtp://127.0.0.1:${port}, mail kept in ${folder}`));
