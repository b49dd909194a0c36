import { randomUUID } from 'node:crypto';
import { OrderStream, UserStream } from '../../../proto/streams';
import { type Role } from '../../../src/auth/access-tokens';
import { publishUpstream, type UpstreamEvent } from '../../../test/upstream-event';
import type { TestStack } from '../../../test/test-stack';
import { signIn } from '../../../test/signed-in';

/** Upstream events sent to their topics as the relay sends them: the users and orders modules need not run. */

export interface RegisteredUser {
  userId: string;
  email: string;
  name: string;
  phone: string;
}

export async function registerUser(stack: TestStack, overrides: Partial<RegisteredUser> = {}): Promise<RegisteredUser & { registration: UpstreamEvent }> {
  const userId = overrides.userId ?? randomUUID();
  const user = { userId, email: `user-${userId.slice(0, 8)}@example.com`, name: 'Alice Example', phone: '', ...overrides };
  const registration = await publishUpstream(stack, UserStream, userId, 'userRegistered', { ...user, role: 'customer', emailVerified: true });
  return { ...user, registration };
}

export interface PaidOrder {
  orderId: string;
  eventId: string;
}

export async function payOrder(
  stack: TestStack,
  customerId: string,
  total = { amountMinor: 259800, currency: 'EUR' },
): Promise<PaidOrder> {
  const orderId = randomUUID();
  const recorded = await publishUpstream(stack, OrderStream, orderId, 'orderPaid', {
      orderId,
      customerId,
      paymentId: randomUUID(),
      total,
      lines: [{ productId: randomUUID(), sku: 'ESP-1', name: 'Espresso machine', quantity: 1, unitPrice: total, lineTotal: total }],
    });
  return { orderId, eventId: recorded.eventId };
}

export async function shipOrder(stack: TestStack, customerId: string): Promise<void> {
  const orderId = randomUUID();
  await publishUpstream(stack, OrderStream, orderId, 'fulfilmentShipped', {
    orderId,
    customerId,
    fulfilmentId: randomUUID(),
    lines: [{ variantId: randomUUID(), name: 'Espresso machine', quantity: 1 }],
    carrier: 'DHL',
    trackingNumber: `TRACK-${orderId.slice(0, 6)}`,
  });
}

/** A Bearer header of a live session for `userId`, as after POST /auth/login. */
export async function bearer(stack: TestStack, userId: string, role: Role = 'customer'): Promise<string> {
  return `Bearer ${(await signIn(stack, role, userId)).token}`;
}
