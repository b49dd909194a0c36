import type { FieldProblem } from '../../../src/errors/domain-error';
import type { MinorUnits } from '../../../src/money/minor-units';
import { isAmountMinor, isCurrencyCode } from '../../../src/money/money';
import { PRODUCT_LIMITS, isSku, normalizeSku } from './product';
import { ProductErrors } from './products.errors';

/** One value an option can take (Size: M). Its id stays when it is renamed, so the variants having it follow. */
export interface OptionValue {
  id: string;
  value: string;
}

/** A way the product's variants differ (Size, Colour), with the values it may take, in display order. */
export interface ProductOption {
  id: string;
  name: string;
  values: OptionValue[];
}

/** What is sold: a SKU with its own price, stock and, for each of the product's options, one value. */
export interface Variant extends VariantDetails {
  id: string;
  productId: string;
  archivedAt: Date | null;
  inStock: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a variant is taxed as, where the shop sells it (the rates are the orders module's). */
export const TAX_CLASSES = ['standard', 'reduced', 'zero'] as const;
export type TaxClass = (typeof TAX_CLASSES)[number];

export const VARIANT_LIMITS = { options: 3, valuesPerOption: 50, variants: 100, optionName: 40, optionValue: 60, weightGrams: 1_000_000 } as const;

export interface NewVariantInput {
  sku?: string;
  options?: Record<string, string>;
  priceMinor?: number;
  currency?: string;
  weightGrams?: number | null;
  taxClass?: string;
}

export interface VariantChangesInput {
  options?: Record<string, string>;
  priceMinor?: number;
  weightGrams?: number | null;
  taxClass?: string;
}

/** What an admin controls about a variant. */
export interface VariantDetails {
  sku: string;
  /** The variant's value of each option, in the product's option order. */
  optionValueIds: string[];
  priceMinor: MinorUnits;
  currency: string;
  weightGrams: number | null;
  taxClass: TaxClass;
}

/**
 * Checks a new variant against its product: a valid SKU, a price in the product's currency, and exactly one
 * existing value for each of the product's options (named in `options` by option name). Every problem at once.
 */
export function validateNewVariant(input: NewVariantInput, options: readonly ProductOption[], productCurrency: string): VariantDetails {
  const problems: FieldProblem[] = [];
  const sku = normalizeSku(input.sku);
  if (!isSku(sku)) problems.push({ field: 'sku', message: `must be 1-${PRODUCT_LIMITS.sku} letters, digits, '.', '_' or '-', starting with a letter or digit` });
  if (input.priceMinor === undefined) problems.push({ field: 'priceMinor', message: 'is required' });
  else if (!isAmountMinor(input.priceMinor)) problems.push({ field: 'priceMinor', message: 'must be a non-negative integer amount of minor units' });
  const currency = input.currency ?? productCurrency;
  if (!isCurrencyCode(currency)) problems.push({ field: 'currency', message: 'must be an ISO 4217 code of three upper-case letters, e.g. EUR' });
  else if (currency !== productCurrency) problems.push({ field: 'currency', message: `must be the product's currency, ${productCurrency}` });
  const weightGrams = checkWeight(input.weightGrams, problems);
  const taxClass = checkTaxClass(input.taxClass ?? 'standard', problems);
  const optionValueIds = combinationOf(input.options ?? {}, options, problems, true);
  if (problems.length > 0) throw ProductErrors.invalidVariant(problems);
  return { sku, optionValueIds, priceMinor: input.priceMinor!, currency, weightGrams, taxClass };
}

/** Checks a change to a variant; only the fields present are checked and returned. */
export function validateVariantChanges(input: VariantChangesInput, options: readonly ProductOption[]): Partial<VariantDetails> {
  const problems: FieldProblem[] = [];
  const changes: Partial<VariantDetails> = {};
  if (input.priceMinor !== undefined) {
    if (!isAmountMinor(input.priceMinor)) problems.push({ field: 'priceMinor', message: 'must be a non-negative integer amount of minor units' });
    else changes.priceMinor = input.priceMinor;
  }
  if (input.weightGrams !== undefined) changes.weightGrams = checkWeight(input.weightGrams, problems);
  if (input.taxClass !== undefined) changes.taxClass = checkTaxClass(input.taxClass, problems);
  if (input.options !== undefined) changes.optionValueIds = combinationOf(input.options, options, problems, true);
  if (problems.length > 0) throw ProductErrors.invalidVariant(problems);
  return changes;
}

/**
 * The value ids a combination names, in the options' order. Each option needs a value the option has; a name
 * that is no option of the product is refused too, so a typo never yields a variant that silently lacks it.
 */
export function combinationOf(named: Record<string, string>, options: readonly ProductOption[], problems: FieldProblem[], required: boolean): string[] {
  if (typeof named !== 'object' || named === null || Array.isArray(named)) {
    problems.push({ field: 'options', message: 'must map each option name to one of its values' });
    return [];
  }
  const known = new Set(options.map((option) => option.name));
  for (const name of Object.keys(named)) {
    if (!known.has(name)) problems.push({ field: `options.${name}`, message: `is not an option of this product (${options.map((o) => o.name).join(', ') || 'it has none'})` });
  }
  const ids: string[] = [];
  for (const option of options) {
    const given = named[option.name];
    if (given === undefined) {
      if (required) problems.push({ field: `options.${option.name}`, message: 'is required: a variant has one value of every option' });
      continue;
    }
    const value = option.values.find((candidate) => candidate.value === (typeof given === 'string' ? given.trim() : given));
    if (!value) problems.push({ field: `options.${option.name}`, message: `must be one of: ${option.values.map((v) => v.value).join(', ')}` });
    else ids.push(value.id);
  }
  return ids;
}

/** Option names and values as people read them, for the variant's value ids. */
export function optionValuesOf(variant: Pick<Variant, 'optionValueIds'>, options: readonly ProductOption[]): Array<{ option: string; value: string }> {
  return options.flatMap((option) => {
    const value = option.values.find((candidate) => variant.optionValueIds.includes(candidate.id));
    return value ? [{ option: option.name, value: value.value }] : [];
  });
}

export interface OptionInput {
  name?: string;
  values?: Array<{ id?: string; value?: string }>;
}

/**
 * Checks an option as an admin gives it: a name, 1 to 50 distinct values (kept values carry their id; a value
 * without one is new). Names and values are trimmed; duplicates are refused rather than merged.
 */
export function validateOption(input: OptionInput, others: readonly ProductOption[]): { name: string; values: Array<{ id?: string; value: string }> } {
  const problems: FieldProblem[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > VARIANT_LIMITS.optionName) problems.push({ field: 'name', message: `must be 1-${VARIANT_LIMITS.optionName} characters` });
  else if (others.some((option) => option.name.toLowerCase() === name.toLowerCase())) problems.push({ field: 'name', message: 'is already an option of this product' });
  const values = Array.isArray(input.values) ? input.values : [];
  if (values.length === 0 || values.length > VARIANT_LIMITS.valuesPerOption) {
    problems.push({ field: 'values', message: `must list 1-${VARIANT_LIMITS.valuesPerOption} values` });
  }
  const seen = new Set<string>();
  const checked = values.map((entry, index) => {
    const value = typeof entry?.value === 'string' ? entry.value.trim() : '';
    if (value.length === 0 || value.length > VARIANT_LIMITS.optionValue) problems.push({ field: `values.${index}.value`, message: `must be 1-${VARIANT_LIMITS.optionValue} characters` });
    else if (seen.has(value.toLowerCase())) problems.push({ field: `values.${index}.value`, message: 'repeats an earlier value' });
    seen.add(value.toLowerCase());
    return { id: entry?.id?.toLowerCase(), value };
  });
  if (problems.length > 0) throw ProductErrors.invalidOption(problems);
  return { name, values: checked };
}

export function checkTaxClass(taxClass: string, problems: FieldProblem[]): TaxClass {
  if ((TAX_CLASSES as readonly string[]).includes(taxClass)) return taxClass as TaxClass;
  problems.push({ field: 'taxClass', message: `must be one of ${TAX_CLASSES.join(', ')}` });
  return 'standard';
}

function checkWeight(weight: number | null | undefined, problems: FieldProblem[]): number | null {
  if (weight === undefined || weight === null) return null;
  if (!Number.isInteger(weight) || weight < 0 || weight > VARIANT_LIMITS.weightGrams) {
    problems.push({ field: 'weightGrams', message: `must be a whole number of grams, 0 to ${VARIANT_LIMITS.weightGrams}` });
    return null;
  }
  return weight;
}
