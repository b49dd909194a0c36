import request from 'supertest';
import { startTestStack, type TestStack } from '../../../test/test-stack';

/** What anyone who can reach the API port sees: no metrics, security headers everywhere, no dependency internals. */
describe('the public API port', () => {
  let stack: TestStack;
  let deadRegistry: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false });
    // Nothing listens on port 9 of loopback: the registry is down for this stack.
    deadRegistry = await startTestStack({ consumers: false, env: { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:9' } });
  });

  afterAll(async () => {
    await stack.stop();
    await deadRegistry.stop();
  });

  it('does not serve /metrics; the metrics port does', async () => {
    const publicMetrics = await request(stack.baseUrl).get('/metrics');
    expect(publicMetrics.status).toBe(404);
    expect(publicMetrics.text).not.toContain('http_request_duration_seconds');
    const metrics = await request(`http://127.0.0.1:${stack.api.metricsPort}`).get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
  });

  it.each(['/openapi.json', '/docs/', '/health/live', '/products', '/no-such-route'])('sends security headers on %s', async (path) => {
    const response = await request(stack.baseUrl).get(path);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it("keeps the strict script policy everywhere but Swagger UI's page", async () => {
    expect((await request(stack.baseUrl).get('/products')).headers['content-security-policy']).toContain("script-src 'self';");
    expect((await request(stack.baseUrl).get('/docs/')).headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('says which dependency is down when not ready, but not its error text', async () => {
    const response = await request(deadRegistry.baseUrl).get('/health/ready').expect(503);
    expect(response.body.checks.schemaRegistry).toEqual({ status: 'down', error: 'schemaRegistry is not answering' });
    expect(response.body.checks.postgres).toEqual({ status: 'up' });
    expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed/);
  });
});
