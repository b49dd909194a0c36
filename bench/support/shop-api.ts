import { randomUUID } from 'node:crypto';
import type { Knex } from '../../src/db/database';
import type { SmtpTestServer } from '../../test/smtp-test-server';
import type { SignedIn } from '../../test/signed-in';
import { until } from './until';

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of whichever operation was called
  body: any;
}

/**
 * One JSON request to the API, as a signed-in user or anonymously. Status 0: no answer at all (the connection
 * could not be made, was dropped, or `timeoutMs` passed), for the caller to count or retry, never thrown.
 */
export async function callApi(
  baseUrl: string,
  as: SignedIn | undefined,
  method: string,
  path: string,
  body: unknown,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiAnswer> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as.token}` } : {}), ...options.headers },
      body: JSON.stringify(body),
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: 0, body: undefined };
  }
}

const SIZES = ['S', 'M', 'L'];

/**
 * Creates `count` products as `admin`, each sold in three sizes (the product's own variant, then two more), stocks
 * every variant with a million units, and waits until orders knows their price and stock. Returns the variants'
 * ids, product by product: what shoppers order.
 */
export async function stockProducts(baseUrl: string, admin: SignedIn, count: number, orders: Knex, label: string): Promise<string[]> {
  const variantIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const sku = `${label.toUpperCase()}-${randomUUID().slice(0, 8)}`;
    const created = await callApi(baseUrl, admin, 'POST', '/products', {
      sku,
      name: `${label} product ${i}`,
      description: `Stocked for the ${label} benchmark`,
      priceMinor: 500 + i,
      currency: 'EUR',
      category: label,
    });
    if (created.status !== 201) throw new Error(`POST /products answered ${created.status}`);
    const productId = created.body.id as string;
    const sized = await callApi(baseUrl, admin, 'POST', `/products/${productId}/options`, { name: 'Size', values: SIZES.map((value) => ({ value })) });
    if (sized.status !== 201) throw new Error(`POST /products/{id}/options answered ${sized.status}`);
    variantIds.push(productId);
    for (const size of SIZES.slice(1)) {
      const variant = await callApi(baseUrl, admin, 'POST', `/products/${productId}/variants`, { sku: `${sku}-${size}`, options: { Size: size }, priceMinor: 500 + i });
      if (variant.status !== 201) throw new Error(`POST /products/{id}/variants answered ${variant.status}`);
      variantIds.push(variant.body.id);
    }
  }
  for (const variantId of variantIds) {
    await until(`stock item for ${variantId}`, async () => {
      const adjusted = await callApi(baseUrl, admin, 'POST', `/inventory/${variantId}/adjustments`, { delta: 1_000_000, reason: 'restock' }, {
        headers: { 'idempotency-key': `restock-${variantId}` },
      });
      return adjusted.status < 300;
    });
    await until(`orders to know ${variantId}`, async () => Boolean(await orders('catalog_variants').where({ variant_id: variantId }).first()));
    await until(`orders to know the stock of ${variantId}`, async () => Boolean(await orders('stock_levels').where({ variant_id: variantId }).first()));
  }
  return variantIds;
}

/**
 * Sets a shop up to ship to and tax in one country, as a real shop is: a zone with one option, and VAT with prices
 * including it. Returns the option's id, which every order then names.
 */
export async function shipAndTax(baseUrl: string, admin: SignedIn, country: string): Promise<string> {
  const region = await callApi(baseUrl, admin, 'POST', '/tax-regions', { country, rates: { standard: 1900, reduced: 700 }, pricesIncludeTax: true, shippingTaxed: true });
  if (region.status !== 201) throw new Error(`POST /tax-regions answered ${region.status}`);
  const zone = await callApi(baseUrl, admin, 'POST', '/shipping-zones', { name: country, countries: [country] });
  if (zone.status !== 201) throw new Error(`POST /shipping-zones answered ${zone.status}`);
  const option = await callApi(baseUrl, admin, 'POST', '/shipping-options', { zoneId: zone.body.id, name: 'Standard', priceMinor: 490, currency: 'EUR', freeAboveMinor: 5000 });
  if (option.status !== 201) throw new Error(`POST /shipping-options answered ${option.status}`);
  return option.body.id as string;
}

/** How many mails arrived: account mail (verification, welcome) apart from the shop's order mail. */
export function mailSummary(smtp: SmtpTestServer): string {
  const account = smtp.messages.filter((m) => /^(Verify your email address|Welcome to)/.test(m.subject)).length;
  return `${smtp.messages.length - account} order mails and ${account} account mails (verification, welcome)`;
}

/**
 * Registers `count` customers through the API, follows the verification link each is mailed (to the benchmark's
 * own SMTP server) and signs each in, as shoppers do (a few at a time: each costs two password hashes). The
 * notifications module learns of them from UserRegistered, so their orders send email.
 */
export async function registerCustomers(baseUrl: string, smtp: SmtpTestServer, count: number, label: string): Promise<SignedIn[]> {
  const customers: SignedIn[] = [];
  let next = 0;
  const registerOne = async (i: number): Promise<SignedIn> => {
    const email = `${label}-${randomUUID()}@example.com`;
    const password = `${label}-${randomUUID()}`;
    const registered = await callApi(baseUrl, undefined, 'POST', '/auth/register', { email, password, name: `${label} customer ${i}` });
    if (registered.status !== 202) throw new Error(`POST /auth/register answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    const verified = await callApi(baseUrl, undefined, 'POST', '/auth/verify-email', { token: await smtp.linkTokenMailedTo(email, 'verify-email', 0, 120_000) });
    if (verified.status !== 204) throw new Error(`POST /auth/verify-email answered ${verified.status}: ${JSON.stringify(verified.body)}`);
    const login = await callApi(baseUrl, undefined, 'POST', '/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`POST /auth/login answered ${login.status}: ${JSON.stringify(login.body)}`);
    const token = login.body.accessToken as string;
    return { userId: (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub, token };
  };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < count; i = next++) customers.push(await registerOne(i));
    }),
  );
  return customers;
}

const ADDRESS = { name: 'Bench', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

export interface Checkout {
  orderId?: string;
  orderStatus: number;
  paymentStatus?: number;
}

/** What a customer does over HTTP: place an order, then pay it at once. */
export class Shop {
  private variantIds: string[] = [];
  private shippingOptionId = '';
  private next = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly admin: SignedIn,
    private readonly customers: SignedIn[],
  ) {}

  async stockProducts(count: number, orders: Knex): Promise<void> {
    this.variantIds = await stockProducts(this.baseUrl, this.admin, count, orders, 'Bench');
    this.shippingOptionId = await shipAndTax(this.baseUrl, this.admin, ADDRESS.country);
  }

  async checkout(): Promise<Checkout> {
    const i = this.next++;
    const customer = this.customers[i % this.customers.length];
    const variantId = this.variantIds[i % this.variantIds.length];
    const placed = await this.call(customer, 'POST', '/orders', { items: [{ variantId, quantity: 1 }], shippingAddress: ADDRESS, shippingOptionId: this.shippingOptionId }, {
      'idempotency-key': randomUUID(),
    });
    if (placed.status !== 201) return { orderStatus: placed.status };
    const paid = await this.call(customer, 'POST', '/payments', { orderId: placed.body.id, paymentMethod: { type: 'card', token: 'tok_visa' } }, {
      'idempotency-key': randomUUID(),
    });
    return { orderId: placed.body.id, orderStatus: placed.status, paymentStatus: paid.status };
  }

  /** Status 0: no answer at all (the connection could not be made or was dropped), counted, not fatal. */
  private call(as: SignedIn, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return callApi(this.baseUrl, as, method, path, body, { headers });
  }
}

