import { ConfigError } from '../../../src/config/config';
import { paymentsSettings } from '../application/payments-settings';

describe('the payments module\u2019s settings', () => {
  it('uses the sandbox payment provider outside production, and in production only when explicitly allowed', () => {
    expect(paymentsSettings({}, 'development').provider).toBe('sandbox');
    expect(() => paymentsSettings({}, 'production')).toThrow(/sandbox payment provider/);
    expect(paymentsSettings({ PAYMENTS_ALLOW_SANDBOX_IN_PRODUCTION: 'true' }, 'production').provider).toBe('sandbox');
  });

  it('refuses a reconcile delay that does not exceed the provider timeout', () => {
    expect(() => paymentsSettings({ PAYMENTS_PROVIDER_TIMEOUT_MS: '5000', PAYMENTS_RECONCILE_AFTER_MS: '5000' }, 'test')).toThrow(/PAYMENTS_RECONCILE_AFTER_MS/);
  });

  it('names a bad variable', () => {
    expect(() => paymentsSettings({ PAYMENTS_MAX_HELD_PER_USER: '0' }, 'test')).toThrow(ConfigError);
    expect(() => paymentsSettings({ PAYMENTS_MAX_HELD_PER_USER: '0' }, 'test')).toThrow(/PAYMENTS_MAX_HELD_PER_USER/);
  });
});
