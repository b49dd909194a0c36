import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureAccount } from '../modules/users';
import { loadConfig } from '../src/config/config';
import { createModuleDatabase } from '../src/db/database';
import { demoCatalog, demoShipping, demoTaxRegions, demoVariantProducts, demoWarehouse, type DemoProduct, type DemoVariantProduct } from './demo-data/catalog';

/**
 * Loads demo data into a running system, the way an operator would: two accounts, then the catalog and
 * its stock through the public API (so every product and stock level is a real event). Skips the
 * catalog when products exist already, so running it again is harmless. Refuses to run in production.
 *
 * No password is fixed anywhere: DEMO_ADMIN_PASSWORD and DEMO_CUSTOMER_PASSWORD choose them, else each account gets
 * a generated one, printed once when the account is created (an existing account keeps its password).
 */
const apiUrl = (process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const generatedPassword = () => randomBytes(15).toString('base64url');
const demoAccounts = {
  admin: { email: 'admin@mart.local', name: 'Demo Admin', role: 'admin', chosen: process.env.DEMO_ADMIN_PASSWORD },
  customer: { email: 'customer@mart.local', name: 'Demo Customer', role: 'customer', chosen: process.env.DEMO_CUSTOMER_PASSWORD },
} as const;

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function expectOk<T>(what: string, request: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await request;
  if (status >= 300) throw new Error(`${what} failed with ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Puts stock of a variant on the shelf of a location (the default one without), once inventory keeps the variant. */
async function restock(variantId: string, sku: string, delta: number, token: string, locationId?: string): Promise<void> {
  if (delta === 0) return;
  // The inventory module opens the stock item when it sees VariantCreated; wait for it.
  for (let attempt = 0; ; attempt += 1) {
    const { status } = await call('GET', `/inventory/${variantId}`);
    if (status === 200) break;
    if (attempt > 300) throw new Error(`inventory never opened a stock item for ${sku}; is the relay running?`);
    await sleep(100);
  }
  await expectOk(`stocking ${sku}`, call('POST', `/inventory/${variantId}/adjustments`, { delta, reason: 'restock', locationId }, token));
}

async function addProduct(product: DemoProduct, token: string): Promise<void> {
  const { initialStock, ...fields } = product;
  const created = await expectOk<{ id: string }>(`creating ${product.sku}`, call('POST', '/products', fields, token));
  await restock(created.id, product.sku, initialStock, token);
}

/**
 * A product with options: created with its first combination (the product's own variant), then its options, then
 * a variant per further combination, each stocked at the default warehouse and the second one.
 */
async function addVariantProduct(product: DemoVariantProduct, warehouseId: string, token: string): Promise<void> {
  const [first, ...others] = product.variants;
  const created = await expectOk<{ id: string }>(
    `creating ${product.sku}`,
    call('POST', '/products', { sku: `${product.sku}-${first.values.join('-')}`, name: product.name, description: product.description, priceMinor: first.priceMinor, currency: 'EUR', category: product.category }, token),
  );
  for (const option of product.options) {
    await expectOk(`adding ${option.name} to ${product.sku}`, call('POST', `/products/${created.id}/options`, { name: option.name, values: option.values.map((value) => ({ value })) }, token));
  }
  const named = (values: string[]) => Object.fromEntries(product.options.map((option, i) => [option.name, values[i]]));
  await expectOk(`weighing ${product.sku}`, call('PATCH', `/products/${created.id}/variants/${created.id}`, { weightGrams: first.weightGrams }, token));
  const variants = [{ id: created.id, ...first }];
  for (const variant of others) {
    const sku = `${product.sku}-${variant.values.join('-')}`.toUpperCase();
    const { id } = await expectOk<{ id: string }>(
      `adding ${sku}`,
      call('POST', `/products/${created.id}/variants`, { sku, options: named(variant.values), priceMinor: variant.priceMinor, weightGrams: variant.weightGrams }, token),
    );
    variants.push({ id, ...variant });
  }
  for (const variant of variants) {
    await restock(variant.id, product.sku, variant.stock.default, token);
    await restock(variant.id, product.sku, variant.stock.hamburg, token, warehouseId);
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireJwtSecret: false });
  if (config.env === 'production') throw new Error('refusing to load demo data in production');

  const db = createModuleDatabase({ url: config.database.url, schema: 'users', poolMax: 2 });
  const known: Partial<Record<keyof typeof demoAccounts, string>> = {};
  try {
    for (const [key, account] of Object.entries(demoAccounts) as Array<[keyof typeof demoAccounts, (typeof demoAccounts)[keyof typeof demoAccounts]]>) {
      const password = account.chosen ?? generatedPassword();
      const { created } = await ensureAccount({ db, personalDataKey: config.personalDataKey }, { email: account.email, name: account.name, role: account.role, password });
      if (created || account.chosen) known[key] = password;
      if (created && !account.chosen) console.log(`seed: created ${account.email} (${account.role}) with password ${password}   <- shown once`);
      else console.log(`seed: ${account.email} (${account.role}) ${created ? 'created with the chosen password' : 'exists; its password is unchanged'}`);
    }
  } finally {
    await db.destroy();
  }

  const existing = await expectOk<{ items: unknown[] }>('listing products', call('GET', '/products?limit=1'));
  if (existing.items.length > 0) {
    console.log('seed: the catalog has products already; leaving it as it is');
    return;
  }
  if (!known.admin) {
    console.log('seed: catalog not loaded: the demo admin exists and its password is not known here (set DEMO_ADMIN_PASSWORD to it)');
    return;
  }
  const { accessToken } = await expectOk<{ accessToken: string }>(
    'logging in as the demo admin',
    call('POST', '/auth/login', { email: demoAccounts.admin.email, password: known.admin }),
  );
  const queue = [...demoCatalog];
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      for (let product = queue.shift(); product; product = queue.shift()) await addProduct(product, accessToken);
    }),
  );
  for (const { zone, options } of demoShipping) {
    const { id } = await expectOk<{ id: string }>(`adding the shipping zone ${zone.name}`, call('POST', '/shipping-zones', zone, accessToken));
    for (const option of options) await expectOk(`adding ${option.name}`, call('POST', '/shipping-options', { zoneId: id, ...option }, accessToken));
  }
  for (const region of demoTaxRegions) await expectOk(`adding the tax of ${region.country}`, call('POST', '/tax-regions', region, accessToken));
  const warehouse = await expectOk<{ id: string }>('adding the second warehouse', call('POST', '/stock-locations', demoWarehouse, accessToken));
  for (const product of demoVariantProducts) await addVariantProduct(product, warehouse.id, accessToken);
  const variantCount = demoVariantProducts.reduce((n, p) => n + p.variants.length, 0);
  console.log(
    `seed: ${demoCatalog.length + demoVariantProducts.length} products (${variantCount} variants of ${demoVariantProducts.length} of them, stocked at two warehouses) in ${new Set([...demoCatalog, ...demoVariantProducts].map((p) => p.category)).size} categories; shipping to ${demoShipping.map((s) => s.zone.name).join(', ')}; tax for ${demoTaxRegions.map((r) => r.country).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
