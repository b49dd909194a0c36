import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ProductStream } from '../../../proto/streams';
import { isUniqueViolation } from '../../../src/db/database';
import { recordEvents } from '../../../src/messaging/outbox';
import type { FieldProblem } from '../../../src/errors/domain-error';
import { validateNewProduct, type NewProductInput } from '../domain/product';
import { checkTaxClass, type TaxClass } from '../domain/variant';
import { ProductErrors } from '../domain/products.errors';
import { insertProduct } from '../infrastructure/product.repository';
import { insertVariant } from '../infrastructure/variant.repository';
import { eventDetails, productEvent, variantEventDetails } from './product-events';
import { toProductView, type ProductView } from './product-view';

/**
 * Creates a product with its default variant, which carries the request's SKU and price and has the product's id
 * (so a client that knows only products can stock and order it by that id). Options and further variants are
 * added afterwards.
 */
export async function createProduct(db: Knex, input: NewProductInput & { taxClass?: string }): Promise<ProductView> {
  const details = validateNewProduct(input);
  const taxClass = defaultVariantTaxClass(input.taxClass);
  const productId = randomUUID();
  try {
    return await db.transaction(async (trx) => {
      const product = await insertProduct(trx, { id: productId, ...details, version: 1 });
      const variant = await insertVariant(trx, {
        id: productId,
        productId,
        sku: details.sku,
        optionValueIds: [],
        priceMinor: details.priceCents,
        currency: details.currency,
        weightGrams: null,
        taxClass,
      });
      await recordEvents(trx, ProductStream, [
        productEvent(productId, 'productCreated', eventDetails(productId, details, 1)),
        productEvent(productId, 'variantCreated', variantEventDetails(product, variant, [], 1)),
      ]);
      return toProductView(product, [], [variant]);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'products_sku_unique') || isUniqueViolation(error, 'variants_sku_unique')) throw ProductErrors.skuTaken(details.sku);
    throw error;
  }
}

function defaultVariantTaxClass(taxClass: string | undefined): TaxClass {
  const problems: FieldProblem[] = [];
  const checked = checkTaxClass(taxClass ?? 'standard', problems);
  if (problems.length > 0) throw ProductErrors.invalidProduct(problems);
  return checked;
}
