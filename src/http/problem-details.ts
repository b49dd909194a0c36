import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ValidateError } from '@tsoa/runtime';
import { KnexTimeoutError } from 'knex';
import { currentContext } from '../context/request-context';
import { DomainError, type ErrorKind, type FieldProblem } from '../errors/domain-error';
import { sqlStateOf } from '../db/database';
import { unavailableDependency } from '../health/dependency-errors';
import type { Logger } from '../logging/logger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem details body. `code` is the stable machine-readable error code. */
export interface Problem {
  type: string;
  title: string;
  /** @isInt */
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

type ProblemInput = { status: number; code: string; detail: string; title?: string; errors?: FieldProblem[] } & Record<string, unknown>;

export function sendProblem(res: Response, problem: ProblemInput): void {
  const body: Problem = {
    type: `/problems/${problem.code}`,
    ...problem,
    title: problem.title ?? titles[problem.status] ?? 'Error',
    instance: res.req.originalUrl,
    requestId: currentContext()?.requestId,
  };
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, { status: 404, code: 'HTTP.ROUTE_NOT_FOUND', detail: `No route for ${req.method} ${req.path}` });
};

/** The one place where errors become HTTP responses. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof DomainError) {
      const { fields, retryAfterSeconds, ...extensions } = error.details;
      if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.ceil(retryAfterSeconds)));
      if (error.kind === 'unauthenticated') res.setHeader('WWW-Authenticate', 'Bearer');
      return sendProblem(res, {
        ...extensions,
        status: statusByKind[error.kind],
        code: error.code,
        detail: error.message,
        ...(fields ? { errors: fields } : {}),
      });
    }
    if (error instanceof ValidateError) {
      const errors = Object.entries(error.fields).map(([field, { message }]) => ({
        field: field.includes('.') ? field.slice(field.indexOf('.') + 1) : field,
        message,
      }));
      return sendProblem(res, { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'The request is invalid', errors });
    }
    const httpError = error as { type?: string; status?: number; statusCode?: number; message?: string };
    if (httpError.type === 'entity.parse.failed') {
      return sendProblem(res, { status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON' });
    }
    if (httpError.type === 'entity.too.large') {
      return sendProblem(res, { status: 413, code: 'REQUEST.TOO_LARGE', detail: 'The request body is too large' });
    }
    if (error instanceof KnexTimeoutError) {
      // Every connection of the module's pool stayed busy for the whole acquire timeout: overload, not a fault of
      // the request; a transaction that could not start wrote nothing. The client may retry (with its
      // Idempotency-Key, where it sent one).
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'no database connection in time');
      res.setHeader('Retry-After', '1');
      return sendProblem(res, { status: 503, code: 'SERVICE.BUSY', detail: 'The service is busy; retry shortly' });
    }
    const sqlState = sqlStateOf(error);
    if (sqlState === '22021' || sqlState === '22P05') {
      // Bytes PostgreSQL cannot store in text (U+0000, invalid UTF-8) that reached a statement: the client's input.
      return sendProblem(res, { status: 400, code: 'REQUEST.INVALID_CHARACTERS', detail: 'The request contains characters that cannot be stored' });
    }
    const dependency = unavailableDependency(error);
    if (dependency) {
      // The database (or broker) is away, e.g. restarting: a transaction that could not commit wrote nothing.
      logger.warn({ dependency, method: req.method, url: req.originalUrl }, 'request failed: a dependency is unavailable');
      res.setHeader('Retry-After', '5');
      return sendProblem(res, { status: 503, code: 'SERVICE.UNAVAILABLE', detail: 'The service is temporarily unavailable; retry shortly' });
    }
    const status = httpError.status ?? httpError.statusCode;
    if (status && status >= 400 && status < 500) {
      return sendProblem(res, { status, code: 'REQUEST.REJECTED', detail: httpError.message ?? 'The request was rejected' });
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    return sendProblem(res, { status: 500, code: 'INTERNAL', detail: 'An unexpected error occurred' });
  };
}
