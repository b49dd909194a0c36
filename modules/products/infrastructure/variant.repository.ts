import type { Knex } from 'knex';
import { isUuid } from '../../../src/validation/uuid';
import { newestVersions } from '../../../src/messaging/newest-versions';
import type { ProductOption, TaxClass, Variant, VariantDetails } from '../domain/variant';

type Db = Knex | Knex.Transaction;

interface VariantRow {
  id: string;
  product_id: string;
  sku: string;
  option_value_ids: string[];
  price_minor: string | number;
  currency: string;
  weight_grams: number | null;
  tax_class: TaxClass;
  archived_at: Date | null;
  in_stock: boolean;
  created_at: Date;
  updated_at: Date;
}

const VARIANT_COLUMNS = ['id', 'product_id', 'sku', 'option_value_ids', 'price_minor', 'currency', 'weight_grams', 'tax_class', 'archived_at', 'in_stock', 'created_at', 'updated_at'];

function toVariant(row: VariantRow): Variant {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    optionValueIds: row.option_value_ids,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    weightGrams: row.weight_grams,
    taxClass: row.tax_class,
    archivedAt: row.archived_at,
    inStock: row.in_stock,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The products' variants, archived ones included, oldest first. */
export async function findVariants(db: Db, productIds: readonly string[]): Promise<Map<string, Variant[]>> {
  const byProduct = new Map<string, Variant[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows: VariantRow[] = await db('variants').whereIn('product_id', [...productIds]).orderBy(['created_at', 'id']).select(VARIANT_COLUMNS);
  for (const row of rows) byProduct.get(row.product_id)?.push(toVariant(row));
  return byProduct;
}

/** The products' options with their values, in display order. */
export async function findOptions(db: Db, productIds: readonly string[]): Promise<Map<string, ProductOption[]>> {
  const byProduct = new Map<string, ProductOption[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows: Array<{ product_id: string; option_id: string; name: string; value_id: string | null; value: string | null }> = await db('product_options as o')
    .leftJoin('product_option_values as v', 'v.option_id', 'o.id')
    .whereIn('o.product_id', [...productIds])
    .orderBy([{ column: 'o.position' }, { column: 'v.position' }])
    .select('o.product_id', 'o.id as option_id', 'o.name', 'v.id as value_id', 'v.value');
  for (const row of rows) {
    const options = byProduct.get(row.product_id)!;
    let option = options.find((candidate) => candidate.id === row.option_id);
    if (!option) {
      option = { id: row.option_id, name: row.name, values: [] };
      options.push(option);
    }
    if (row.value_id && row.value !== null) option.values.push({ id: row.value_id, value: row.value });
  }
  return byProduct;
}

export async function insertVariant(trx: Knex.Transaction, variant: VariantDetails & { id: string; productId: string }): Promise<Variant> {
  const [row] = await trx('variants')
    .insert({
      id: variant.id,
      product_id: variant.productId,
      sku: variant.sku,
      option_value_ids: variant.optionValueIds,
      price_minor: variant.priceMinor,
      currency: variant.currency,
      weight_grams: variant.weightGrams,
      tax_class: variant.taxClass,
    })
    .returning(VARIANT_COLUMNS);
  return toVariant(row as VariantRow);
}

export async function updateVariantRow(
  trx: Knex.Transaction,
  variantId: string,
  change: Partial<Pick<Variant, 'optionValueIds' | 'priceMinor' | 'currency' | 'weightGrams' | 'taxClass' | 'archivedAt'>>,
): Promise<Variant> {
  const columns: Record<string, unknown> = { updated_at: new Date() };
  if (change.optionValueIds !== undefined) columns.option_value_ids = change.optionValueIds;
  if (change.priceMinor !== undefined) columns.price_minor = change.priceMinor;
  if (change.currency !== undefined) columns.currency = change.currency;
  if (change.weightGrams !== undefined) columns.weight_grams = change.weightGrams;
  if (change.taxClass !== undefined) columns.tax_class = change.taxClass;
  if (change.archivedAt !== undefined) columns.archived_at = change.archivedAt;
  const [row] = await trx('variants').where('id', variantId).update(columns).returning(VARIANT_COLUMNS);
  return toVariant(row as VariantRow);
}

/** Appends a value to every live variant of the product: the value a new option gives the variants it already has. */
export async function appendOptionValue(trx: Knex.Transaction, productId: string, valueId: string): Promise<void> {
  await trx.raw('update variants set option_value_ids = option_value_ids || ?::uuid, updated_at = now() where product_id = ?', [valueId, productId]);
}

/** Takes a value off every variant of the product (the option it belongs to is being removed). */
export async function removeOptionValue(trx: Knex.Transaction, productId: string, valueIds: readonly string[]): Promise<void> {
  for (const valueId of valueIds) {
    await trx.raw('update variants set option_value_ids = array_remove(option_value_ids, ?::uuid), updated_at = now() where product_id = ?', [valueId, productId]);
  }
}

export async function insertOption(trx: Knex.Transaction, option: { id: string; productId: string; name: string; position: number; values: Array<{ id: string; value: string }> }): Promise<void> {
  await trx('product_options').insert({ id: option.id, product_id: option.productId, name: option.name, position: option.position });
  await saveOptionValues(trx, option.id, option.values);
}

/** Renames the option and makes its values exactly these (by id: kept or renamed; new ids are added; the rest deleted). */
export async function replaceOption(trx: Knex.Transaction, option: { id: string; name: string; values: Array<{ id: string; value: string }> }): Promise<void> {
  await trx('product_options').where('id', option.id).update({ name: option.name });
  await trx('product_option_values').where('option_id', option.id).whereNotIn('id', option.values.map((v) => v.id)).delete();
  // Positions and names are rewritten in two steps, so a swap of two values' names never meets the unique constraint.
  await trx('product_option_values').where('option_id', option.id).update({ value: trx.raw("id::text || '…'") });
  await saveOptionValues(trx, option.id, option.values);
}

export async function deleteOption(trx: Knex.Transaction, optionId: string): Promise<void> {
  await trx('product_options').where('id', optionId).delete();
}

async function saveOptionValues(trx: Knex.Transaction, optionId: string, values: ReadonlyArray<{ id: string; value: string }>): Promise<void> {
  if (values.length === 0) return;
  await trx('product_option_values')
    .insert(values.map((value, position) => ({ id: value.id, option_id: optionId, value: value.value, position })))
    .onConflict('id')
    .merge(['value', 'position']);
}

/** The product's price (its cheapest live variant) and stock flag (any live variant in stock), from its variants. */
export async function refreshProductSummary(trx: Knex.Transaction, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await trx.raw(
    `update products p
        set price_cents = coalesce(s.price, p.price_cents), in_stock = coalesce(s.in_stock, false)
       from (select p2.id,
                    (select min(v.price_minor) from variants v where v.product_id = p2.id and v.archived_at is null) as price,
                    (select bool_or(v.in_stock) from variants v where v.product_id = p2.id and v.archived_at is null) as in_stock
               from products p2 where p2.id = any(?::uuid[])) s
      where p.id = s.id`,
    [[...productIds]],
  );
}

/**
 * Sets each variant's in-stock flag from its newest level (by version) in one statement, an older level changing
 * nothing, then the flags of the products concerned.
 */
export async function updateStockFlags(trx: Knex.Transaction, levels: ReadonlyArray<{ variantId: string; available: number; version: number }>): Promise<void> {
  const newest = newestVersions(levels, (level) => level.variantId).filter((level) => isUuid(level.variantId));
  if (newest.length === 0) return;
  const changed: Array<{ product_id: string }> = (
    await trx.raw(
      `update variants v set in_stock = u.available > 0, stock_version = u.version
         from unnest(?::uuid[], ?::int[], ?::int[]) as u(id, available, version)
        where v.id = u.id and v.stock_version < u.version
        returning v.product_id`,
      [newest.map((l) => l.variantId.toLowerCase()), newest.map((l) => l.available), newest.map((l) => l.version)],
    )
  ).rows;
  await trx.raw(
    `update products p set in_stock = exists (select 1 from variants v where v.product_id = p.id and v.archived_at is null and v.in_stock)
      where p.id = any(?::uuid[])`,
    [[...new Set(changed.map((row) => row.product_id))]],
  );
}
