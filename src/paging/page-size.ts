import type { FieldProblem } from '../errors/domain-error';

/** Every list endpoint pages the same way: `limit` from 1 to 100, 20 when not given. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** What is wrong with a requested page size, for the module to report in its own validation error. */
export function pageSizeProblem(limit: number | undefined): FieldProblem | undefined {
  if (limit === undefined || (Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) return undefined;
  return { field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` };
}

/** The page size to read; call it after pageSizeProblem found nothing wrong. */
export function pageSize(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_SIZE;
}
