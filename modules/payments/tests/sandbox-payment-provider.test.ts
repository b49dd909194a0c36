import { PaymentMethodRejectedError, ProviderTimeoutError } from '../application/payment-provider.port';
import { SandboxPaymentProvider } from '../infrastructure/sandbox-payment-provider.adapter';

const charge = (provider: SandboxPaymentProvider, token: string, idempotencyKey = `key-${token}`) =>
  provider.charge({ amountCents: 2500, currency: 'EUR', token, idempotencyKey });

describe('the sandbox card processor', () => {
  it.each([
    ['tok_visa', 'visa', '4242'],
    ['tok_mastercard', 'mastercard', '4444'],
  ])('charges %s successfully as a %s ending in %s', async (token, brand, last4) => {
    const result = await charge(new SandboxPaymentProvider(50), token);
    expect(result).toMatchObject({ status: 'succeeded', card: { brand, last4 } });
    expect(result.providerReference).toMatch(/^ch_sandbox_/);
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined', 'generic_decline'],
    ['tok_insufficientFunds', 'card_declined', 'insufficient_funds'],
    ['tok_expiredCard', 'expired_card', 'expired_card'],
  ])('declines %s with code %s and reason %s', async (token, declineCode, reason) => {
    expect(await charge(new SandboxPaymentProvider(50), token)).toMatchObject({ status: 'declined', declineCode, reason });
  });

  it('times out on tok_timeout after the configured delay and keeps no charge', async () => {
    const provider = new SandboxPaymentProvider(30);
    const started = Date.now();
    await expect(charge(provider, 'tok_timeout', 'k1')).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(await provider.findCharge('k1')).toBeUndefined();
  });

  it.each(['tok_nonsense', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])('rejects %s, a token it does not know, without charging', async (token) => {
    const provider = new SandboxPaymentProvider(50);
    await expect(charge(provider, token, 'k2')).rejects.toBeInstanceOf(PaymentMethodRejectedError);
    expect(provider.chargeCount).toBe(0);
  });

  it('answers a repeated idempotency key with the first charge, charging once', async () => {
    const provider = new SandboxPaymentProvider(50);
    const first = await charge(provider, 'tok_visa', 'same');
    const again = await charge(provider, 'tok_visa', 'same');
    expect(again).toEqual(first);
    expect(provider.chargeCount).toBe(1);
    expect(await provider.findCharge('same')).toEqual(first);
  });

  it('refunds at most what was charged, once per refund key', async () => {
    const provider = new SandboxPaymentProvider(50);
    const { providerReference } = await charge(provider, 'tok_visa', 'c');
    const refund = (amountCents: number, idempotencyKey: string) =>
      provider.refund({ providerReference, amountCents, currency: 'EUR', idempotencyKey });
    const first = await refund(1000, 'r1');
    expect(await refund(1000, 'r1')).toEqual(first);
    await refund(1500, 'r2');
    await expect(refund(1, 'r3')).rejects.toThrow('exceeds');
  });

  it('refuses to refund a declined charge', async () => {
    const provider = new SandboxPaymentProvider(50);
    const { providerReference } = await charge(provider, 'tok_chargeDeclined', 'd');
    await expect(provider.refund({ providerReference, amountCents: 1, currency: 'EUR', idempotencyKey: 'r' })).rejects.toThrow();
  });
});
