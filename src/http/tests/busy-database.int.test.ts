import type { Knex } from 'knex';
import request from 'supertest';
import { startTestStack, type TestStack } from '../../../test/test-stack';

/** Overload is not a server fault: a request that gets no database connection in time is told to come back. */
describe('a database with every connection busy', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ consumers: false, env: { DATABASE_POOL_MAX: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300' } });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('answers 503 SERVICE.BUSY with Retry-After while the pool is exhausted, and serves again once it is not', async () => {
    // The products module's only connection, held by a transaction that has not ended.
    const holding: Knex.Transaction = await stack.db('products').transaction();
    try {
      const busy = await request(stack.baseUrl).get('/products');
      expect(busy.status).toBe(503);
      expect(busy.headers['content-type']).toContain('application/problem+json');
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toMatchObject({ status: 503, code: 'SERVICE.BUSY', type: '/problems/SERVICE.BUSY' });
      expect(JSON.stringify(busy.body)).not.toMatch(/knex|pool|timeout acquiring/i);
    } finally {
      await holding.rollback();
    }
    await request(stack.baseUrl).get('/products').expect(200);
  });
});
