import pino, { type Logger } from 'pino';
import { currentContext } from '../context/request-context';

export type { Logger } from 'pino';

export function createLogger(options: { level: string; name: string }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.token'],
      censor: '[redacted]',
    },
    mixin() {
      const context = currentContext();
      if (!context) return {};
      return { requestId: context.requestId, correlationId: context.correlationId };
    },
  });
}
