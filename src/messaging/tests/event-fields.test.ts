import { optionalEventMoney, requiredEventMoney } from '../event-money';

describe('money read from an event', () => {
  it('is exact minor units and an ISO currency', () => {
    expect(requiredEventMoney({ amountMinor: 1999, currency: 'EUR' }, 'the total')).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(requiredEventMoney({ amountMinor: 0, currency: 'EUR' }, 'the total')).toEqual({ amountMinor: 0, currency: 'EUR' });
  });

  it('may be absent only where the contract allows it', () => {
    expect(optionalEventMoney(null, 'the price')).toBeUndefined();
    expect(optionalEventMoney(undefined, 'the price')).toBeUndefined();
    expect(() => requiredEventMoney(null, 'the total')).toThrow(expect.objectContaining({ code: 'EVENT.MALFORMED', kind: 'unprocessable' }));
  });

  it.each([
    [{ amountMinor: 2 ** 53, currency: 'EUR' }],
    [{ amountMinor: -1, currency: 'EUR' }],
    [{ amountMinor: 1.5, currency: 'EUR' }],
    [{ amountMinor: null, currency: 'EUR' }],
    [{ amountMinor: 100, currency: '' }],
    [{ amountMinor: 100, currency: 'euro' }],
  ])('is malformed when it cannot be exact or has no currency (%p): the event is dead-lettered', (money) => {
    expect(() => optionalEventMoney(money, 'the total')).toThrow(expect.objectContaining({ code: 'EVENT.MALFORMED' }));
  });
});
