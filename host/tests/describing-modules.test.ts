import { describeModules } from '../module-subscriptions';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';

describe('describing every module (ACLs, the AsyncAPI document)', () => {
  it("reads no settings of the modules a process does not serve, so a bad one there cannot stop it", async () => {
    const config = loadConfig({
      JWT_SECRET: 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8',
      MART_MODULES: 'users',
      PAYMENTS_RECONCILE_AFTER_MS: '5',
      ORDER_PLACEMENTS_PER_MINUTE: 'not a number',
    });
    const modules = await describeModules(config, createLogger({ level: 'silent', name: 'test' }));
    expect(modules.map((m) => m.name)).toEqual(['users', 'products', 'inventory', 'orders', 'payments', 'notifications']);
    expect(modules.find((m) => m.name === 'orders')!.handlers.length).toBeGreaterThan(0);
  });
});
