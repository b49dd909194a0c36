import express, { type Express, type Request, type RequestHandler, type Response, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { AccessGrants } from '../auth/access-grants';
import type { AccessTokens } from '../auth/access-tokens';
import type { Logger } from '../logging/logger';
import { stringify } from 'yaml';
import { refuseControlCharacters } from './control-characters';
import openApiSpec from './generated/swagger.json';
import { registerControllers } from './ioc';
import { notFoundHandler, problemHandler } from './problem-details';
import { requestContext } from './request-context.middleware';

export interface HttpAppOptions {
  logger: Logger;
  /** Records request metrics (served on the metrics port, never here). */
  metrics: RequestHandler;
  accessTokens: AccessTokens;
  /** Whether a token's session still holds (cached briefly): see src/auth/access-grants.ts. */
  accessGrants: AccessGrants;
  controllers: readonly object[];
  /** The route tables of what this process serves: its modules' and the kernel's own (health). */
  routes: ReadonlyArray<(router: Router) => void>;
  trustProxy: false | number | string;
  /** The level a request that succeeded is logged at (failures: warn, 5xx: error). */
  requestLogLevel?: 'info' | 'debug';
  /** The AsyncAPI document of the event streams, served beside the OpenAPI one. */
  asyncApi: object;
  bodyLimit?: string;
}

export function createHttpApp(options: HttpAppOptions): Express {
  registerControllers(options.controllers);
  const app = express();
  app.disable('x-powered-by');
  // Only proxies the operator named may set the client address (X-Forwarded-For); by default nobody can.
  app.set('trust proxy', options.trustProxy);
  app.set('query parser', 'extended');
  app.locals.accessTokens = options.accessTokens;
  app.locals.accessGrants = options.accessGrants;

  // Express 5 parses the query string again on every read of req.query, and tsoa reads it once per parameter.
  app.use((req, _res, next) => {
    Object.defineProperty(req, 'query', { value: req.query, writable: true, configurable: true, enumerable: true });
    next();
  });
  app.use(requestContext);
  app.use(
    pinoHttp({
      logger: options.logger,
      // Our serializers take what they need from the raw request; pino's standard one (wrapped around them by
      // default) would read every header and the parsed query on each request, logged or not.
      wrapSerializers: false,
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
      // 503 is a dependency away (logged once as such by the problem handler) or overload: expected, not a fault here.
      customLogLevel: (_req, res, error) => {
        if (res.statusCode === 503) return 'warn';
        if (error || res.statusCode >= 500) return 'error';
        return res.statusCode >= 400 ? 'warn' : (options.requestLogLevel ?? 'info');
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
      // Method, path and status are what an operator reads; headers would carry tokens and noise.
      serializers: {
        req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: withoutQueryValues(req.url) }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(options.metrics);

  // Security headers on every route. Swagger UI needs its inline scripts and styles; everything else keeps
  // helmet's strict defaults.
  const strict = helmet();
  const forSwaggerUi = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } });
  app.use((req, res, next) => (req.path.startsWith('/docs') ? forSwaggerUi : strict)(req, res, next));
  app.get('/openapi.json', (_req: Request, res: Response) => {
    res.json(openApiSpec);
  });
  const asyncApiYaml = stringify(options.asyncApi);
  app.get('/asyncapi.json', (_req: Request, res: Response) => {
    res.json(options.asyncApi);
  });
  app.get('/asyncapi.yaml', (_req: Request, res: Response) => {
    res.type('application/yaml').send(asyncApiYaml);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApiSpec));
  app.use(express.json({ limit: options.bodyLimit ?? '100kb' }));
  app.use(refuseControlCharacters);
  for (const register of options.routes) register(app);

  app.use(notFoundHandler);
  app.use(problemHandler(options.logger));
  return app;
}

/**
 * A request's path with its query parameters named but their values left out (`/users/me?token=…`): a client may
 * put a token, an email or a search in the query, and none of it belongs in a log line.
 */
export function withoutQueryValues(url: string | undefined): string | undefined {
  const start = url?.indexOf('?') ?? -1;
  if (url === undefined || start < 0) return url;
  const names = url
    .slice(start + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=…`);
  return `${url.slice(0, start)}?${names.join('&')}`;
}
