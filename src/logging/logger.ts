import pino, { type Logger } from 'pino';
import { currentContext } from '../context/request-context';

export type { Logger } from 'pino';

/**
 * JSON lines, as production ships them; with `pretty` (LOG_FORMAT=pretty, as `npm run up` sets) one readable,
 * coloured line per entry for a person at a terminal, written by pino-pretty (a development dependency) off the
 * main thread.
 */
export function createLogger(options: { level: string; name: string; pretty?: boolean }): Logger {
  const destination = options.pretty
    ? pino.transport({
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,requestId,correlationId', singleLine: true },
      })
    : undefined;
  return pino({
    name: options.name,
    level: options.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        ...['password', 'currentPassword', 'refreshToken', 'accessToken', 'token', 'secret'].flatMap((key) => [key, `*.${key}`]),
      ],
      censor: '[redacted]',
    },
    mixin() {
      const context = currentContext();
      if (!context) return {};
      return { requestId: context.requestId, correlationId: context.correlationId };
    },
  }, destination);
}
