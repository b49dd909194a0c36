import { conflict, DomainError, invalid, notFound, unprocessable, type FieldProblem } from '../../../src/errors/domain-error';

export const ProductErrors = {
  invalidProduct: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID', 'The product is invalid', fields),
  invalidQuery: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID_QUERY', 'The product query is invalid', fields),
  invalidCursor: () => invalid('PRODUCTS.INVALID_CURSOR', 'The cursor is malformed or belongs to another sort order'),
  notFound: (productId: string) => notFound('PRODUCTS.NOT_FOUND', `Product ${productId} does not exist`),
  skuTaken: (sku: string) => conflict('PRODUCTS.SKU_TAKEN', `Another product already has the SKU ${sku}`, { sku }),
  invalidVariant: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID_VARIANT', 'The variant is invalid', fields),
  invalidOption: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID_OPTION', 'The option is invalid', fields),
  variantNotFound: (productId: string, variantId: string) =>
    notFound('PRODUCTS.VARIANT_NOT_FOUND', `Product ${productId} has no variant ${variantId}`),
  optionNotFound: (productId: string, optionId: string) =>
    notFound('PRODUCTS.OPTION_NOT_FOUND', `Product ${productId} has no option ${optionId}`),
  variantExists: (combination: Array<{ option: string; value: string }>) =>
    conflict(
      'PRODUCTS.VARIANT_EXISTS',
      `A live variant of this product already has ${combination.map((c) => `${c.option} ${c.value}`).join(', ') || 'no options'}`,
      { options: combination },
    ),
  tooManyVariants: (limit: number) => conflict('PRODUCTS.TOO_MANY_VARIANTS', `A product has at most ${limit} live variants`, { limit }),
  tooManyOptions: (limit: number) => conflict('PRODUCTS.TOO_MANY_OPTIONS', `A product has at most ${limit} options`, { limit }),
  optionValuesInUse: (values: string[], variantIds: string[]) =>
    conflict(
      'PRODUCTS.OPTION_VALUE_IN_USE',
      `The values ${values.join(', ')} are still used by live variants; change or archive those variants first`,
      { values, variantIds },
    ),
  optionInUse: (variantIds: string[]) =>
    conflict('PRODUCTS.OPTION_IN_USE', 'The option tells live variants apart; archive all but one of them first', { variantIds }),
  priceOnVariants: (variantIds: string[]) =>
    unprocessable(
      'PRODUCTS.PRICE_ON_VARIANTS',
      'The product has several live variants: change each variant\'s price with PATCH /products/{productId}/variants/{variantId}',
      { variantIds },
    ),
  lastVariant: () => conflict('PRODUCTS.LAST_VARIANT', 'A listed product keeps at least one live variant; archive the product instead'),
  versionRequired: () =>
    invalid(
      'PRODUCTS.VERSION_REQUIRED',
      'Send the version you are changing, as an If-Match: "<version>" header (from the ETag) or a version field',
    ),
  invalidIfMatch: () => invalid('PRODUCTS.INVALID_IF_MATCH', 'If-Match must be a single ETag such as "3"'),
  conflictingVersions: () =>
    invalid('PRODUCTS.CONFLICTING_VERSIONS', 'The If-Match header and the version field name different versions'),
  versionMismatch: (expected: number, current: number) =>
    new DomainError(
      'PRODUCTS.VERSION_MISMATCH',
      'precondition_failed',
      `The product changed since you read it (you sent version ${expected}, it is now at version ${current}); reload and retry`,
      { currentVersion: current },
    ),
};
