import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumExecutable } from '../../../test/chromium';
import { startTestStack, type TestStack } from '../../../test/test-stack';

/** Swagger UI at /docs as a person uses it, in headless Chromium (scripts/chromium.sh installs it where missing). */
describe('Swagger UI in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    const email = `swagger-${randomUUID()}@example.com`;
    const account = { email, password: 'a long enough password', name: 'Swagger Tester' };
    await fetch(`${stack.baseUrl}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
    const login = await fetch(`${stack.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: account.password }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/docs/`);
    await page.waitForSelector('.opblock-tag');
  });

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  it('lists every tag of the OpenAPI document', async () => {
    const spec = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const tags = new Set(Object.values(spec.paths).flatMap((operations) => Object.values(operations).flatMap((o) => o.tags ?? [])));
    const shown = await page.locator('.opblock-tag').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-tag')));
    expect(shown.sort()).toEqual([...tags].sort());
  });

  it('accepts a token from POST /auth/login under "Authorize", and sends it', async () => {
    await page.click('.auth-wrapper .authorize');
    await page.fill('.auth-container input', token);
    await page.click('.auth-btn-wrapper .authorize');
    await page.click('.auth-btn-wrapper .btn-done');
    const me = await tryItOut(page, 'Users', 'GET', '/users/me');
    expect(me.status).toBe('200');
    expect(JSON.parse(me.body)).toMatchObject({ name: 'Swagger Tester' });
  });

  it('answers "Try it out" on GET /products with a 200 and items', async () => {
    const products = await tryItOut(page, 'Products', 'GET', '/products');
    expect(products.status).toBe('200');
    expect(JSON.parse(products.body)).toHaveProperty('items');
  });
});

/** Opens an operation, presses "Try it out" and "Execute", and reads the live response Swagger UI shows. */
async function tryItOut(page: Page, tag: string, method: string, path: string): Promise<{ status: string; body: string }> {
  const section = page.locator(`.opblock-tag-section:has(.opblock-tag[data-tag="${tag}"])`);
  if (!(await section.locator('.opblock').first().isVisible().catch(() => false))) await page.click(`.opblock-tag[data-tag="${tag}"]`);
  const operation = section.locator(`.opblock-${method.toLowerCase()}:has(.opblock-summary-path[data-path="${path}"])`).first();
  await operation.locator('.opblock-summary').click();
  await operation.locator('.try-out__btn').click();
  await operation.locator('.execute').click();
  const live = operation.locator('.live-responses-table .response');
  await live.waitFor();
  return {
    status: (await live.locator('.response-col_status').innerText()).trim(),
    body: await operation.locator('.live-responses-table .response-col_description pre.microlight').first().innerText(),
  };
}
