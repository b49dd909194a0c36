import { pageSize, pageSizeProblem } from '../../../src/paging/page-size';
import { InventoryErrors } from './inventory.errors';

export function checkPageSize(limit: number | undefined): number {
  const problem = pageSizeProblem(limit);
  if (problem) throw InventoryErrors.invalidQuery([problem]);
  return pageSize(limit);
}
