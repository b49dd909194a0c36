import { conflict, invalid, notFound, type FieldProblem } from '../../../src/errors/domain-error';
import type { StockLevel } from './stock-level';

export const InventoryErrors = {
  invalidAdjustment: (fields: FieldProblem[]) => invalid('INVENTORY.INVALID_ADJUSTMENT', 'The adjustment is invalid', fields),
  invalidQuery: (fields: FieldProblem[]) => invalid('INVENTORY.INVALID_QUERY', 'The inventory query is invalid', fields),
  invalidCursor: () => invalid('INVENTORY.INVALID_CURSOR', 'The cursor is malformed'),
  invalidThreshold: (fields: FieldProblem[]) => invalid('INVENTORY.INVALID_THRESHOLD', 'The low-stock threshold is invalid', fields),
  stockItemNotFound: (variantId: string) =>
    notFound('INVENTORY.STOCK_ITEM_NOT_FOUND', `No stock is kept for variant ${variantId}`),
  invalidLocation: (fields: FieldProblem[]) => invalid('INVENTORY.INVALID_LOCATION', 'The stock location is invalid', fields),
  locationNotFound: (location: string) => notFound('INVENTORY.LOCATION_NOT_FOUND', `No stock location ${location}`),
  locationCodeTaken: (code: string) => conflict('INVENTORY.LOCATION_CODE_TAKEN', `Another stock location has the code ${code}`, { code }),
  locationInUse: (why: string) => conflict('INVENTORY.LOCATION_IN_USE', `The stock location cannot be deleted: ${why}; deactivate it instead`),
  insufficientStock: (level: StockLevel, delta: number) =>
    conflict(
      'INVENTORY.INSUFFICIENT_STOCK',
      `Cannot remove ${-delta}: ${level.onHand} on hand, ${level.reserved} of them reserved for orders`,
      { onHand: level.onHand, reserved: level.reserved, available: level.onHand - level.reserved },
    ),
};
