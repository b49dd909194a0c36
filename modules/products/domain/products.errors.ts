import { conflict, DomainError, invalid, notFound, type FieldProblem } from '../../../src/errors/domain-error';

export const ProductErrors = {
  invalidProduct: (fields: FieldProblem[]) => invalid('PRODUCT.INVALID', 'The product is invalid', fields),
  invalidQuery: (fields: FieldProblem[]) => invalid('PRODUCT.INVALID_QUERY', 'The product query is invalid', fields),
  invalidCursor: () => invalid('PRODUCT.INVALID_CURSOR', 'The cursor is malformed or belongs to another sort order'),
  notFound: (productId: string) => notFound('PRODUCT.NOT_FOUND', `Product ${productId} does not exist`),
  skuTaken: (sku: string) => conflict('PRODUCT.SKU_TAKEN', `Another product already has the SKU ${sku}`, { sku }),
  versionRequired: () =>
    invalid(
      'PRODUCT.VERSION_REQUIRED',
      'Send the version you are changing, as an If-Match: "<version>" header (from the ETag) or a version field',
    ),
  invalidIfMatch: () => invalid('PRODUCT.INVALID_IF_MATCH', 'If-Match must be a single ETag such as "3"'),
  conflictingVersions: () =>
    invalid('PRODUCT.CONFLICTING_VERSIONS', 'The If-Match header and the version field name different versions'),
  versionMismatch: (expected: number, current: number) =>
    new DomainError(
      'PRODUCT.VERSION_MISMATCH',
      'precondition_failed',
      `The product changed since you read it (you sent version ${expected}, it is now at version ${current}); reload and retry`,
      { currentVersion: current },
    ),
};
