import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { nextStep, retryDelayMs, type WebhookRetryPolicy } from '../../domain/webhooks/delivery-policy';
import { liveSecrets, receivesLive, rotateSecrets, shouldDisable, subscribesTo, type EndpointSecret } from '../../domain/webhooks/webhook-endpoint';
import { newSigningSecret, webhookSignature } from '../../domain/webhooks/webhook-signature';
import { SealedSecrets } from '../../../../src/crypto/sealed-secrets';
import { webhookEventTypes } from '../../application/webhooks/webhook-events';
import { randomBytes } from 'node:crypto';

const policy: WebhookRetryPolicy = { retryBaseMs: 5_000, maxDelayMs: 3_600_000, horizonMs: 72 * 3_600_000 };
const created = new Date('2026-12-01T00:00:00Z');

describe('the retry policy', () => {
  it('succeeds on 2xx, retries timeouts, connection failures, 408, 429 and 5xx, and fails other answers at once', () => {
    const now = new Date(created.getTime() + 1000);
    expect(nextStep({ kind: 'answered', status: 204 }, 1, created, now, policy, 0.5).kind).toBe('succeeded');
    for (const result of [{ kind: 'timeout' }, { kind: 'unreachable' }, { kind: 'answered', status: 503 }, { kind: 'answered', status: 429 }, { kind: 'answered', status: 408 }] as const) {
      expect(nextStep(result, 1, created, now, policy, 0.5).kind).toBe('retry');
    }
    for (const status of [301, 400, 401, 404, 410, 422]) expect(nextStep({ kind: 'answered', status }, 1, created, now, policy, 0.5).kind).toBe('failed');
    expect(nextStep({ kind: 'refused' }, 1, created, now, policy, 0.5).kind).toBe('failed');
  });

  it('waits what Retry-After says', () => {
    const now = new Date(created.getTime() + 1000);
    expect(nextStep({ kind: 'answered', status: 429, retryAfterMs: 120_000 }, 1, created, now, policy, 0)).toEqual({ kind: 'retry', at: new Date(now.getTime() + 120_000) });
  });

  it('gives up when the next attempt would fall beyond the horizon', () => {
    const late = new Date(created.getTime() + policy.horizonMs - 1000);
    const step = nextStep({ kind: 'answered', status: 500 }, 30, created, late, policy, 0.5);
    expect(step.kind).toBe('failed');
  });

  it('waits between half and all of base·2^(n−1), never more than the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
        const ceiling = Math.min(policy.retryBaseMs * 2 ** Math.min(attempts - 1, 40), policy.maxDelayMs);
        const delay = retryDelayMs(attempts, policy, random);
        return delay >= ceiling / 2 && delay <= ceiling;
      }),
    );
  });
});

describe('endpoint secrets', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const secret = (id: string, expiresAt: Date | null = null): EndpointSecret => ({ id, sealed: id, createdAt: now, expiresAt });

  it('rotating keeps the old secret live until the expiry asked for, never longer than its own', () => {
    const inAnHour = new Date(now.getTime() + 3_600_000);
    const rotated = rotateSecrets([secret('a')], secret('b'), inAnHour, now);
    expect(rotated.map((s) => [s.id, s.expiresAt])).toEqual([
      ['b', null],
      ['a', inAnHour],
    ]);
    expect(liveSecrets(rotated, new Date(inAnHour.getTime() + 1)).map((s) => s.id)).toEqual(['b']);
    const again = rotateSecrets(rotated, secret('c'), new Date(now.getTime() + 7_200_000), now);
    expect(again.find((s) => s.id === 'a')?.expiresAt).toEqual(inAnHour);
    expect(rotateSecrets([secret('a')], secret('b'), now, now).map((s) => s.id)).toEqual(['b']);
  });

  it('signs as the Standard Webhooks reference library verifies, one signature per secret', () => {
    const [first, second] = [newSigningSecret(), newSigningSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'orders.OrderPaid', data: { orderId: 'x' } });
    const header = webhookSignature([first, second], 'msg_1', timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(() => new Webhook(first).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(second).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });

  it('seals secrets so that only the same key opens them', () => {
    const key = randomBytes(32);
    const sealed = new SealedSecrets(key).seal('whsec_abc');
    expect(sealed).not.toContain('abc');
    expect(new SealedSecrets(key).open(sealed)).toBe('whsec_abc');
    expect(() => new SealedSecrets(randomBytes(32)).open(sealed)).toThrow();
  });

  it('disables an endpoint only after enough failures over enough time', () => {
    const policyOf = { failures: 20, afterMs: 86_400_000 };
    const since = new Date(now.getTime() - 86_400_000);
    expect(shouldDisable({ enabled: true, consecutiveFailures: 20, failingSince: since }, policyOf, now)).toBe(true);
    expect(shouldDisable({ enabled: true, consecutiveFailures: 19, failingSince: since }, policyOf, now)).toBe(false);
    expect(shouldDisable({ enabled: true, consecutiveFailures: 500, failingSince: new Date(now.getTime() - 60_000) }, policyOf, now)).toBe(false);
  });
});

describe('event types', () => {
  it('names every event of every stream once, as <module>.<Event>', () => {
    const types = webhookEventTypes();
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(['orders.OrderPaid', 'orders.CartAbandoned', 'inventory.StockReserved', 'payments.PaymentSucceeded']));
    expect(subscribesTo({ eventTypes: ['*'] }, 'orders.OrderPaid')).toBe(true);
    expect(subscribesTo({ eventTypes: ['orders.OrderPlaced'] }, 'orders.OrderPaid')).toBe(false);
  });
});

describe('live events', () => {
  it('reach an endpoint only when of its types and occurred since it was created (earlier ones by replay)', () => {
    const endpoint = { eventTypes: ['orders.OrderPaid'], createdAt: created };
    expect(receivesLive(endpoint, 'orders.OrderPaid', created)).toBe(true);
    expect(receivesLive(endpoint, 'orders.OrderPaid', new Date(created.getTime() + 1))).toBe(true);
    expect(receivesLive(endpoint, 'orders.OrderPaid', new Date(created.getTime() - 1))).toBe(false);
    expect(receivesLive(endpoint, 'orders.OrderPlaced', new Date(created.getTime() + 1))).toBe(false);
  });
});
