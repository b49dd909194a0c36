import { applyAdjustment, validateAdjustment } from '../domain/stock-adjustment';

describe('stock adjustment rules', () => {
  it('accept restocks that add, damage that removes and corrections either way', () => {
    expect(validateAdjustment({ delta: 12, reason: 'restock', note: '  weekly  ' })).toEqual({ delta: 12, reason: 'restock', note: 'weekly' });
    expect(validateAdjustment({ delta: -2, reason: 'damage' })).toEqual({ delta: -2, reason: 'damage', note: null });
    expect(validateAdjustment({ delta: -1, reason: 'correction' }).delta).toBe(-1);
    expect(validateAdjustment({ delta: 1, reason: 'correction' }).delta).toBe(1);
  });

  it.each([
    [{ delta: 0, reason: 'correction' }],
    [{ delta: 1.5, reason: 'restock' }],
    [{ delta: -3, reason: 'restock' }],
    [{ delta: 3, reason: 'damage' }],
    [{ delta: 1, reason: 'return' }],
    [{ delta: 2_000_000, reason: 'restock' }],
    [{ delta: 1, reason: 'restock', note: 'x'.repeat(501) }],
  ])('reject %j', (request) => {
    expect(() => validateAdjustment(request)).toThrow(expect.objectContaining({ code: 'INVENTORY.INVALID_ADJUSTMENT' }));
  });

  it('move stock on and off the shelf', () => {
    expect(applyAdjustment({ onHand: 5, reserved: 2 }, 10)).toEqual({ onHand: 15, reserved: 2 });
    expect(applyAdjustment({ onHand: 5, reserved: 2 }, -3)).toEqual({ onHand: 2, reserved: 2 });
  });

  it('never go below zero nor below what orders have reserved', () => {
    expect(() => applyAdjustment({ onHand: 5, reserved: 0 }, -6)).toThrow(expect.objectContaining({ code: 'INVENTORY.INSUFFICIENT_STOCK' }));
    expect(() => applyAdjustment({ onHand: 5, reserved: 2 }, -4)).toThrow(
      expect.objectContaining({ code: 'INVENTORY.INSUFFICIENT_STOCK', details: { onHand: 5, reserved: 2, available: 3 } }),
    );
  });
});
