import { loadPaymentsConfig } from '../infrastructure/payments-config';

describe('payments configuration', () => {
  it('uses the sandbox provider outside production', () => {
    expect(loadPaymentsConfig({ NODE_ENV: 'development' }).provider).toBe('sandbox');
  });

  it('refuses the sandbox provider in production unless explicitly allowed', () => {
    expect(() => loadPaymentsConfig({ NODE_ENV: 'production' })).toThrow(/sandbox payment provider/);
    expect(loadPaymentsConfig({ NODE_ENV: 'production', PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' }).provider).toBe('sandbox');
  });
});
