import { fieldsOf, type MoneyFields } from '../event-fields';

const ID = '6C0F8A3E-0B7C-4D5E-9F10-1A2B3C4D5E6F';
const malformed = (what: RegExp) => expect.objectContaining({ code: 'EVENT.MALFORMED', kind: 'unprocessable', message: expect.stringMatching(what) });

interface Line {
  productId?: string | null;
  quantity?: number | null;
  lineTotal?: MoneyFields | null;
}
interface Payload {
  orderId?: string | null;
  promotionCode?: string | null;
  version?: number | null;
  refundRequired?: boolean | null;
  total?: MoneyFields | null;
  discount?: MoneyFields | null;
  lines?: Line[] | null;
  firstLine?: Line | null;
}

describe('reading an event by its contract', () => {
  it('gives ids lower-cased, once, at the edge', () => {
    expect(fieldsOf<Payload>({ orderId: ID }).uuid('orderId')).toBe(ID.toLowerCase());
  });

  it.each([[{}], [{ orderId: '' }], [{ orderId: 'not-an-id' }], [{ orderId: null }]])('refuses a required id that is missing or not a UUID (%p), naming the field', (payload: Payload) => {
    expect(() => fieldsOf(payload).uuid('orderId')).toThrow(malformed(/orderId/));
  });

  it('reads the defaults protobuf decodes unset fields to as what they mean', () => {
    const fields = fieldsOf<Payload>({ promotionCode: '', version: 0 });
    expect(fields.text('promotionCode')).toBe('');
    expect(fields.optionalText('promotionCode')).toBeUndefined();
    expect(fields.optionalUuid('orderId')).toBeUndefined();
    expect(fields.count('version')).toBe(0);
    expect(fields.flag('refundRequired')).toBe(false);
    expect(fields.optionalMoney('discount')).toBeUndefined();
    expect(fields.list('lines', (line) => line.uuid('productId'))).toEqual([]);
  });

  it('reads money as exact minor units and an ISO currency', () => {
    const fields = fieldsOf<Payload>({ total: { amountMinor: 1999, currency: 'EUR' }, discount: { amountMinor: 0, currency: 'EUR' } });
    expect(fields.money('total')).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(fields.optionalMoney('discount')).toEqual({ amountMinor: 0, currency: 'EUR' });
    expect(() => fieldsOf<Payload>({}).money('total')).toThrow(malformed(/total is missing/));
  });

  it.each([
    [{ amountMinor: 2 ** 53, currency: 'EUR' }],
    [{ amountMinor: -1, currency: 'EUR' }],
    [{ amountMinor: 1.5, currency: 'EUR' }],
    [{ amountMinor: null, currency: 'EUR' }],
    [{ amountMinor: 100, currency: '' }],
    [{ amountMinor: 100, currency: 'euro' }],
  ])('refuses money that cannot be exact or has no currency (%p): the event is dead-lettered', (total) => {
    expect(() => fieldsOf<Payload>({ total }).optionalMoney('total')).toThrow(malformed(/total/));
  });

  it('refuses counts that are negative or not whole', () => {
    expect(() => fieldsOf<Payload>({ version: -1 }).count('version')).toThrow(malformed(/version/));
    expect(() => fieldsOf<Payload>({ version: 1.5 }).integer('version')).toThrow(malformed(/version/));
    expect(fieldsOf<Payload>({ version: -1 }).integer('version')).toBe(-1);
  });

  it('tells an absent optional count from zero, and still refuses a bad one', () => {
    expect(fieldsOf<Payload>({}).optionalCount('version')).toBeUndefined();
    expect(fieldsOf<Payload>({ version: null }).optionalCount('version')).toBeUndefined();
    expect(fieldsOf<Payload>({ version: 0 }).optionalCount('version')).toBe(0);
    expect(() => fieldsOf<Payload>({ version: -3 }).optionalCount('version')).toThrow(malformed(/version/));
  });

  it('reads each item of a repeated field by its own contract', () => {
    const fields = fieldsOf<Payload>({
      lines: [
        { productId: ID, quantity: 2, lineTotal: { amountMinor: 398, currency: 'EUR' } },
        { productId: ID, quantity: 1, lineTotal: null },
      ],
    });
    expect(fields.list('lines', (line) => [line.uuid('productId'), line.count('quantity')])).toEqual([
      [ID.toLowerCase(), 2],
      [ID.toLowerCase(), 1],
    ]);
    expect(() => fields.list('lines', (line) => line.money('lineTotal'))).toThrow(malformed(/lineTotal is missing/));
  });

  it('reads an optional message by its own fields when present', () => {
    expect(fieldsOf<Payload>({ firstLine: { productId: ID, quantity: 3 } }).optional('firstLine', (line) => line.count('quantity'))).toBe(3);
    expect(fieldsOf<Payload>({ firstLine: null }).optional('firstLine', (line) => line.count('quantity'))).toBeUndefined();
    expect(() => fieldsOf<Payload>({ firstLine: { quantity: 1 } }).optional('firstLine', (line) => line.uuid('productId'))).toThrow(malformed(/productId/));
  });
});
