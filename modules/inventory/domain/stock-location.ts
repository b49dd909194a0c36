import type { FieldProblem } from '../../../src/errors/domain-error';
import { InventoryErrors } from './inventory.errors';

/** A place stock is kept at. Orders are allocated to active locations, lowest priority first. */
export interface StockLocation {
  id: string;
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  priority: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type StockLocationDetails = Pick<StockLocation, 'code' | 'name' | 'country' | 'priority' | 'active'>;

export interface StockLocationInput {
  code?: string;
  name?: string;
  country?: string;
  priority?: number;
  active?: boolean;
}

/** The location every adjustment without a location goes to; it exists from the first migration of locations on. */
export const DEFAULT_LOCATION_CODE = 'default';

const CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const COUNTRY = /^[A-Z]{2}$/;
export const MAX_PRIORITY = 10_000;

/** Checks a new location (every field but priority and active required) or a change (only the fields given). */
export function validateLocation(input: StockLocationInput, required: boolean): Partial<StockLocationDetails> {
  const problems: FieldProblem[] = [];
  const result: Partial<StockLocationDetails> = {};
  if (input.code !== undefined || required) {
    const code = typeof input.code === 'string' ? input.code.trim().toLowerCase() : '';
    if (!CODE.test(code)) problems.push({ field: 'code', message: "must be 1-40 lower-case letters, digits or '-', starting with a letter or digit" });
    else result.code = code;
  }
  if (input.name !== undefined || required) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', message: 'must be 1-100 characters' });
    else result.name = name;
  }
  if (input.country !== undefined || required) {
    if (typeof input.country !== 'string' || !COUNTRY.test(input.country)) problems.push({ field: 'country', message: 'must be an ISO 3166-1 alpha-2 code, e.g. DE' });
    else result.country = input.country;
  }
  if (input.priority !== undefined) {
    if (!Number.isInteger(input.priority) || input.priority < 0 || input.priority > MAX_PRIORITY) problems.push({ field: 'priority', message: `must be an integer from 0 to ${MAX_PRIORITY}` });
    else result.priority = input.priority;
  }
  if (input.active !== undefined) result.active = input.active;
  if (problems.length > 0) throw InventoryErrors.invalidLocation(problems);
  return result;
}
