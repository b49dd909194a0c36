import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../../../src/db/database';
import { isUuid } from '../../../../src/validation/uuid';
import { OrderErrors } from '../../domain/orders.errors';
import { validateTaxRegion, type TaxRegion, type TaxRegionInput } from '../../domain/tax/tax-rate';
import { deleteTaxRegion as deleteRow, findTaxRegion, findTaxRegions, insertTaxRegion, updateTaxRegion } from '../../infrastructure/tax/tax-region.repository';

export async function listTaxRegions(db: Knex, country?: string): Promise<TaxRegion[]> {
  return findTaxRegions(db, country?.toUpperCase());
}

export async function getTaxRegion(db: Knex, id: string): Promise<TaxRegion> {
  const region = isUuid(id) ? await findTaxRegion(db, id.toLowerCase()) : undefined;
  if (!region) throw OrderErrors.taxRegionNotFound(id);
  return region;
}

/** A country's (or a region's) rates and settings; one per place, so a second is refused with 409. */
export async function createTaxRegion(db: Knex, input: TaxRegionInput): Promise<TaxRegion> {
  const region = validateTaxRegion(input, true) as Omit<TaxRegion, 'id'>;
  try {
    return await insertTaxRegion(db, { id: randomUUID(), ...region });
  } catch (error) {
    if (isUniqueViolation(error, 'tax_regions_place_unique')) throw OrderErrors.taxRegionExists(region.country, region.region);
    throw error;
  }
}

/** Changes rates or settings; open carts show the new tax at once, placed orders keep theirs. */
export async function changeTaxRegion(db: Knex, id: string, input: Omit<TaxRegionInput, 'country' | 'region'>): Promise<TaxRegion> {
  const changes = validateTaxRegion(input, false);
  const region = isUuid(id) ? await updateTaxRegion(db, id.toLowerCase(), changes) : undefined;
  if (!region) throw OrderErrors.taxRegionNotFound(id);
  return region;
}

export async function deleteTaxRegion(db: Knex, id: string): Promise<void> {
  if (!isUuid(id) || !(await deleteRow(db, id.toLowerCase()))) throw OrderErrors.taxRegionNotFound(id);
}
