import type { MinorUnits } from '../../../src/money/minor-units';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { isAmountMinor, isCurrencyCode } from '../../../src/money/money';
import { ProductErrors } from './products.errors';

/** What an admin controls about a product. The SKU is fixed at creation: another SKU is another product. */
export interface ProductDetails {
  sku: string;
  name: string;
  description: string;
  priceCents: MinorUnits;
  currency: string;
  category: string;
  imageUrl: string | null;
}

export type EditableDetails = Omit<ProductDetails, 'sku'>;

/** A product as this module keeps it. */
export interface Product extends ProductDetails {
  id: string;
  version: number;
  archivedAt: Date | null;
  inStock: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewProductInput = Omit<ProductDetails, 'imageUrl' | 'priceCents'> & { imageUrl?: string | null; priceCents?: number };

export type ProductChangesInput = Partial<Omit<NewProductInput, 'sku'>>;

export const PRODUCT_LIMITS = { sku: 64, name: 200, description: 5000, category: 60, imageUrl: 2048 } as const;

const SKU = /^[A-Z0-9][A-Z0-9._-]*$/;

export function normalizeSku(sku: unknown): string {
  return typeof sku === 'string' ? sku.trim().toUpperCase() : '';
}

export function isSku(sku: string): boolean {
  return sku.length > 0 && sku.length <= PRODUCT_LIMITS.sku && SKU.test(sku);
}

/** Validates and normalises a new product (trimmed text, upper-case SKU); reports every bad field at once. */
export function validateNewProduct(input: NewProductInput): ProductDetails {
  const problems: FieldProblem[] = [];
  const sku = normalizeSku(input.sku);
  if (!isSku(sku)) {
    problems.push({
      field: 'sku',
      message: `must be 1-${PRODUCT_LIMITS.sku} letters, digits, '.', '_' or '-', starting with a letter or digit`,
    });
  }
  const editable = checkEditable(input, problems, true) as EditableDetails;
  if (problems.length > 0) throw ProductErrors.invalidProduct(problems);
  return { sku, ...editable };
}

/** Validates a partial update; only the fields present are checked and returned. */
export function validateProductChanges(input: ProductChangesInput): Partial<EditableDetails> {
  const problems: FieldProblem[] = [];
  const changes = checkEditable(input, problems, false);
  if (problems.length > 0) throw ProductErrors.invalidProduct(problems);
  return changes;
}

/** The requested changes that really differ from the product as it is. */
export function effectiveChanges(current: ProductDetails, changes: Partial<EditableDetails>): Partial<EditableDetails> {
  const effective: Partial<EditableDetails> = {};
  for (const key of Object.keys(changes) as (keyof EditableDetails)[]) {
    if (changes[key] !== undefined && changes[key] !== current[key]) {
      (effective as Record<string, unknown>)[key] = changes[key];
    }
  }
  return effective;
}

function checkEditable(input: ProductChangesInput, problems: FieldProblem[], required: boolean): Partial<EditableDetails> {
  const result: Partial<EditableDetails> = {};
  const text = (field: 'name' | 'description' | 'category', min: number) => {
    const value = input[field];
    if (value === undefined) {
      if (required) problems.push({ field, message: 'is required' });
      return;
    }
    const trimmed = typeof value === 'string' ? value.trim() : '';
    const max = PRODUCT_LIMITS[field];
    if (typeof value !== 'string' || trimmed.length < min || trimmed.length > max) {
      problems.push({ field, message: min > 0 ? `must be 1-${max} characters` : `must be at most ${max} characters` });
      return;
    }
    result[field] = trimmed;
  };
  text('name', 1);
  text('description', 0);
  text('category', 1);

  if (input.priceCents === undefined) {
    if (required) problems.push({ field: 'priceMinor', message: 'is required' });
  } else if (!isAmountMinor(input.priceCents)) {
    problems.push({ field: 'priceMinor', message: 'must be a non-negative integer amount of minor units' });
  } else {
    result.priceCents = input.priceCents;
  }

  if (input.currency === undefined) {
    if (required) problems.push({ field: 'currency', message: 'is required' });
  } else if (!isCurrencyCode(input.currency)) {
    problems.push({ field: 'currency', message: 'must be an ISO 4217 code of three upper-case letters, e.g. EUR' });
  } else {
    result.currency = input.currency;
  }

  if (input.imageUrl === null || (required && input.imageUrl === undefined)) {
    result.imageUrl = null;
  } else if (input.imageUrl !== undefined) {
    if (!isHttpUrl(input.imageUrl)) {
      problems.push({ field: 'imageUrl', message: `must be an absolute http(s) URL of at most ${PRODUCT_LIMITS.imageUrl} characters` });
    } else {
      result.imageUrl = input.imageUrl;
    }
  }
  return result;
}

function isHttpUrl(value: string): boolean {
  if (value.length > PRODUCT_LIMITS.imageUrl) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
