import { randomUUID } from 'node:crypto';
import { OrderStream } from '../../../../proto/streams';
import { outboxEvents } from '../../../../test/event-probe';
import { startTestStack, type TestStack } from '../../../../test/test-stack';
import { waitFor } from '../../../../test/wait-for';
import { shopApi, type Shopper } from '../shop-api';

const BERLIN = { name: 'Ada Lovelace', line1: '1 Unter den Linden', city: 'Berlin', postalCode: '10117', country: 'DE' };
const VIENNA = { name: 'Ada Lovelace', line1: '1 Ring', city: 'Wien', postalCode: '1010', country: 'AT' };
const PARIS = { name: 'Ada Lovelace', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

describe('checkout with shipping and tax', () => {
  let stack: TestStack;
  let api: ReturnType<typeof shopApi>;
  let admin: Shopper;
  const as = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
  const created: Array<[string, string]> = [];
  let germany: string;
  let austria: string;
  let book: string;
  let mug: string;

  async function make(path: string, body: object): Promise<string> {
    const response = await api.http().post(path).set(as(admin)).send(body).expect(201);
    created.push([path, response.body.id]);
    return response.body.id;
  }

  /** A variant of a product of its own, with its tax class and weight, stocked and known to orders. */
  async function variant(priceMinor: number, taxClass: string, weightGrams: number): Promise<string> {
    const { productId } = await api.stockedProduct(admin, { priceCents: priceMinor, onHand: 100 });
    await api.http().patch(`/products/${productId}/variants/${productId}`).set(as(admin)).send({ taxClass, weightGrams }).expect(200);
    await api.untilCatalogKnows(productId, (row) => row.tax_class === taxClass);
    return productId;
  }

  beforeAll(async () => {
    stack = await startTestStack({ relay: true });
    api = shopApi(stack);
    admin = await api.person('admin');
    await make('/tax-regions', { country: 'DE', rates: { standard: 1900, reduced: 700 }, pricesIncludeTax: true, shippingTaxed: true });
    await make('/tax-regions', { country: 'AT', rates: { standard: 2000, reduced: 1000 }, pricesIncludeTax: false, shippingTaxed: false });
    const de = await make('/shipping-zones', { name: 'Germany', countries: ['DE'] });
    const at = await make('/shipping-zones', { name: 'Austria', countries: ['AT'] });
    germany = await make('/shipping-options', { zoneId: de, name: 'Standard', priceMinor: 490, currency: 'EUR', freeAboveMinor: 5000 });
    austria = await make('/shipping-options', { zoneId: at, name: 'Parcel', priceMinor: 990, currency: 'EUR', weightBands: [{ upToGrams: 1000, priceMinor: 590 }, { upToGrams: 5000, priceMinor: 990 }] });
    [book, mug] = [await variant(1190, 'reduced', 500), await variant(1190, 'standard', 300)];
  });

  afterAll(async () => {
    // Other test files of the run order without shipping: once no option exists, the shop ships nothing again.
    for (const [path, id] of created.reverse().filter(([p]) => p !== '/shipping-options')) await api.http().delete(`${path}/${id}`).set(as(admin));
    await stack.stop();
  });

  const place = (who: Shopper, body: object) => api.placeOrder(who, body);

  it('prices a German order with VAT included in the prices: each line taxed at its rate after its discount share, shipping taxed too', async () => {
    const customer = await api.person();
    const placed = await place(customer, { items: [{ variantId: book, quantity: 1 }, { variantId: mug, quantity: 1 }], shippingAddress: BERLIN, shippingOptionId: germany });
    expect(placed.status).toBe(201);
    // 1190 at 7 % includes 78, 1190 at 19 % includes 190, shipping 490 at 19 % includes 78.
    expect(placed.body).toMatchObject({ subtotalMinor: 2380, discountMinor: 0, shippingMinor: 490, taxMinor: 346, totalMinor: 2870, pricesIncludeTax: true, rounding: 'half-up-per-line' });
    expect(placed.body.lines.map((l: { tax: { taxClass: string; rateBasisPoints: number; amountMinor: number } }) => [l.tax.taxClass, l.tax.rateBasisPoints, l.tax.amountMinor])).toEqual([
      ['reduced', 700, 78],
      ['standard', 1900, 190],
    ]);
    expect(placed.body.shipping).toEqual({ optionId: germany, name: 'Standard', priceMinor: 490, tax: { taxClass: 'standard', rateBasisPoints: 1900, country: 'DE', region: null, amountMinor: 78 } });
    const event = (await outboxEvents(stack.db('orders'), OrderStream)).find((e) => e.aggregateId === placed.body.id && e.orderPlaced)!.orderPlaced!;
    expect(event).toMatchObject({ total: { amountMinor: 2870 }, tax: { amountMinor: 346 }, pricesIncludeTax: true, shipping: { optionId: germany, price: { amountMinor: 490 } }, rounding: 'half-up-per-line' });
    expect(event.lines![0]).toMatchObject({ discount: { amountMinor: 0 }, tax: { taxClass: 'reduced', rateBasisPoints: 700, amount: { amountMinor: 78 } } });

    await api.untilStatus(customer, placed.body.id, 'AWAITING_PAYMENT');
    const payment = await api.pay(customer, placed.body.id);
    expect(payment.body.amountMinor).toBe(2870);
    await waitFor('the payment to succeed', async () => (await api.payments(customer, placed.body.id)).some((p) => p.status === 'SUCCEEDED'));
  });

  it('adds tax to tax-exclusive prices, leaves untaxed shipping alone, and prices shipping by weight band', async () => {
    const customer = await api.person();
    const placed = await place(customer, { items: [{ variantId: book, quantity: 3 }], shippingAddress: VIENNA, shippingOptionId: austria });
    expect(placed.status).toBe(201);
    // 3 books weigh 1500 g: the second band. 3570 at 10 % is 357.
    expect(placed.body).toMatchObject({ subtotalMinor: 3570, shippingMinor: 990, taxMinor: 357, totalMinor: 3570 + 990 + 357, pricesIncludeTax: false });
    expect(placed.body.shipping.tax).toBeUndefined();
  });

  it('ships free above the threshold', async () => {
    const customer = await api.person();
    const placed = await place(customer, { items: [{ variantId: mug, quantity: 5 }], shippingAddress: BERLIN, shippingOptionId: germany });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ subtotalMinor: 5950, shippingMinor: 0, totalMinor: 5950, shipping: { priceMinor: 0 } });
  });

  it('refuses, with why and placing nothing, an address no option serves, an option that does not serve it, and no option at all', async () => {
    const customer = await api.person();
    const items = [{ variantId: mug, quantity: 1 }];
    const notServed = await place(customer, { items, shippingAddress: PARIS, shippingOptionId: germany });
    expect(notServed.status).toBe(422);
    expect(notServed.body).toMatchObject({ code: 'ORDERS.SHIPPING_OPTION_UNAVAILABLE', reason: 'it does not deliver to FR 75001' });
    const nowhere = await place(customer, { items, shippingAddress: PARIS });
    expect(nowhere.body).toMatchObject({ code: 'ORDERS.ADDRESS_NOT_SERVED', country: 'FR' });
    const unchosen = await place(customer, { items, shippingAddress: VIENNA });
    expect(unchosen.body).toMatchObject({ code: 'ORDERS.SHIPPING_OPTION_REQUIRED', options: [{ id: austria, name: 'Parcel', priceMinor: 590 }] });
    expect(Number((await stack.db('orders')('orders').where({ customer_id: customer.userId }).count('* as n'))[0].n)).toBe(0);
  });

  it('answers 409 with the new totals, charging nothing, when the total changed since the customer saw it', async () => {
    const customer = await api.person();
    const body = { items: [{ variantId: mug, quantity: 1 }], shippingAddress: BERLIN, shippingOptionId: germany };
    const changed = await place(customer, { ...body, expectedTotalCents: 1190 });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ code: 'ORDERS.TOTAL_CHANGED', expectedTotalMinor: 1190, totals: { subtotalMinor: 1190, shippingMinor: 490, taxMinor: 268, totalMinor: 1680, currency: 'EUR' } });
    expect((await place(customer, { ...body, expectedTotalCents: 1680 })).status).toBe(201);
  });

  it('shows the cart the options for its address, priced for it, and the same breakdown checkout charges', async () => {
    const customer = await api.person();
    await api.http().put(`/cart/lines/${book}`).set(as(customer)).send({ quantity: 1 }).expect(200);
    const options = await api.http().get('/cart/shipping-options').query({ country: 'AT', postalCode: '1010' }).set(as(customer)).expect(200);
    expect(options.body).toEqual([{ id: austria, name: 'Parcel', priceMinor: 590, currency: 'EUR' }]);

    await api.http().patch('/users/me').set(as(customer)).send({ defaultShippingAddress: { line1: BERLIN.line1, city: BERLIN.city, postalCode: BERLIN.postalCode, country: 'DE' } }).expect(200);
    const unchosen = await waitFor('the cart to know the address', async () => {
      const { body } = await api.http().get('/cart').set(as(customer)).expect(200);
      return body.pricingProblem ? body : undefined;
    });
    expect(unchosen.pricingProblem).toBe('ORDERS.SHIPPING_OPTION_REQUIRED');
    const cart = (await api.http().put('/cart/shipping-option').set(as(customer)).send({ shippingOptionId: germany }).expect(200)).body;
    expect(cart).toMatchObject({ shippingOptionId: germany, shippingMinor: 490, taxMinor: 156, totalMinor: 1680, shipping: { name: 'Standard' }, lines: [{ discountMinor: 0, tax: { amountMinor: 78 } }] });
    const placed = await api.http().post('/cart/checkout').set(as(customer)).set('Idempotency-Key', randomUUID()).send({ expectedTotalCents: cart.totalMinor }).expect(201);
    expect(placed.body).toMatchObject({ totalMinor: 1680, taxMinor: 156, shipping: { optionId: germany } });
  });

  it('lets only admins set up shipping and tax, one tax region per place, with clear problems', async () => {
    const again = await api.http().post('/tax-regions').set(as(admin)).send({ country: 'DE', rates: { standard: 1600 } }).expect(409);
    expect(again.body.code).toBe('ORDERS.TAX_REGION_EXISTS');
    const noStandard = await api.http().post('/tax-regions').set(as(admin)).send({ country: 'NL', rates: { reduced: 900 } }).expect(400);
    expect(noStandard.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'rates.standard' }] });
    const badZone = await api.http().post('/shipping-zones').set(as(admin)).send({ name: 'Lower case', countries: ['de'] }).expect(400);
    expect(badZone.body.errors[0].field).toBe('countries');
    const noZone = await api.http().post('/shipping-options').set(as(admin)).send({ zoneId: randomUUID(), name: 'x', priceMinor: 1, currency: 'EUR' }).expect(400);
    expect(noZone.body.errors).toEqual([{ field: 'zoneId', message: 'must name a shipping zone' }]);
    const customer = await api.person();
    await api.http().get('/tax-regions').set(as(customer)).expect(403);
    await api.http().post('/shipping-zones').set(as(customer)).send({ name: 'Mine', countries: ['DE'] }).expect(403);
    const changed = await api.http().patch(`/shipping-options/${germany}`).set(as(admin)).send({ priceMinor: 450 }).expect(200);
    expect(changed.body).toMatchObject({ priceMinor: 450, freeAboveMinor: 5000 });
    await api.http().patch(`/shipping-options/${germany}`).set(as(admin)).send({ priceMinor: 490 }).expect(200);
  });
});
