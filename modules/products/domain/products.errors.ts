import { conflict, DomainError, invalid, notFound, type FieldProblem } from '../../../src/errors/domain-error';

export const ProductErrors = {
  invalidProduct: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID', 'The product is invalid', fields),
  invalidQuery: (fields: FieldProblem[]) => invalid('PRODUCTS.INVALID_QUERY', 'The product query is invalid', fields),
  invalidCursor: () => invalid('PRODUCTS.INVALID_CURSOR', 'The cursor is malformed or belongs to another sort order'),
  notFound: (productId: string) => notFound('PRODUCTS.NOT_FOUND', `Product ${productId} does not exist`),
  skuTaken: (sku: string) => conflict('PRODUCTS.SKU_TAKEN', `Another product already has the SKU ${sku}`, { sku }),
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
