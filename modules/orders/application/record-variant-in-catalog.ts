import type { Knex } from 'knex';
import type { mart } from '../../../proto/streams';
import { fieldsOf, malformedEvent } from '../../../src/messaging/event-fields';
import { TAX_CLASSES, type TaxClass } from '../domain/tax/tax-rate';
import { applyVariantState, archiveVariant, type VariantState } from '../infrastructure/catalog.repository';

/** The state a VariantCreated or VariantUpdated carries. */
export function variantStateOf(variant: mart.products.v1.IVariantCreated | mart.products.v1.IVariantUpdated): VariantState {
  const fields = fieldsOf(variant);
  const price = fields.optionalMoney('price');
  return {
    variantId: fields.uuid('variantId'),
    productId: fields.uuid('productId'),
    sku: fields.text('sku'),
    productName: fields.text('productName'),
    options: fields.list('options', (option) => ({ option: option.text('option'), value: option.text('value') })),
    priceCents: price?.amountMinor ?? null,
    currency: price?.currency ?? null,
    // Events from before tax classes carry none: every variant was standard then.
    taxClass: taxClassOf(fields.optionalText('taxClass')),
    weightGrams: fields.optionalCount('weightGrams') ?? null,
    version: fields.count('version'),
  };
}

function taxClassOf(taxClass: string | undefined): TaxClass {
  if (taxClass === undefined) return 'standard';
  if (!(TAX_CLASSES as readonly string[]).includes(taxClass)) throw malformedEvent(`taxClass "${taxClass}" is not a tax class`);
  return taxClass as TaxClass;
}

/** Keeps the catalogue's copy of a variant (what order lines are priced from and show) at the newest state seen. */
export async function recordVariantInCatalog(trx: Knex.Transaction, variant: VariantState): Promise<void> {
  await applyVariantState(trx, variant);
}

/** An archived variant can no longer be ordered; orders already placed keep their lines, carts flag it. */
export async function withdrawVariantFromCatalog(trx: Knex.Transaction, variant: { variantId: string; productId: string; sku: string; version: number }): Promise<void> {
  await archiveVariant(trx, variant);
}
