/**
 * Transport-neutral failure kinds. Modules raise DomainErrors with a string code
 * (e.g. `ORDERS.ILLEGAL_TRANSITION`); only src/http maps kinds to HTTP statuses.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: { fields?: FieldProblem[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, fields?: FieldProblem[]) =>
  new DomainError(code, 'invalid', message, fields ? { fields } : {});
export const unauthenticated = (code: string, message: string) => new DomainError(code, 'unauthenticated', message);
export const forbidden = (code: string, message: string) => new DomainError(code, 'forbidden', message);
export const notFound = (code: string, message: string) => new DomainError(code, 'not_found', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'unprocessable', message, details);
