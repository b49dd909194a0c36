import { randomUUID } from 'node:crypto';
import { OrderStream } from '../../../proto/streams';
import { AccessTokens, type Role } from '../../../src/auth/access-tokens';
import { publishUpstream } from '../../../test/upstream-event';
import type { TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { signIn } from '../../../test/signed-in';

/**
 * Drives the payments API and feeds it orders the way the orders module does: OrderStream events, sent to their
 * topic as the relay sends them, for the payments consumers (the orders module need not run).
 */
export class PaymentsTestKit {
  private readonly tokens: AccessTokens;

  constructor(private readonly stack: TestStack) {
    this.tokens = new AccessTokens(stack.config.auth.jwtSecret, stack.config.auth.accessTokenTtlSeconds);
  }

  async person(role: Role = 'customer'): Promise<Person> {
    const { userId, token } = await signIn(this.stack, role);
    return { userId, authorization: `Bearer ${token}` };
  }

  async placeOrder(customer: Person, amountCents = 4999, currency = 'EUR', orderId = randomUUID()): Promise<string> {
    await publishUpstream(this.stack, OrderStream, orderId, 'orderPlaced', {
        orderId,
        customerId: customer.userId,
        lines: [],
        total: { amountMinor: amountCents, currency },
      });
    await this.orderStatusIs(orderId, 'PENDING');
    return orderId;
  }

  /** An order the customer can pay now (placed, stock confirmed, awaiting payment). */
  async awaitingPayment(customer: Person, amountCents = 4999, currency = 'EUR'): Promise<string> {
    const orderId = randomUUID();
    await this.orderAwaitsPayment(orderId, customer, amountCents, currency);
    return orderId;
  }

  async orderAwaitsPayment(orderId: string, customer: Person, amountCents = 4999, currency = 'EUR'): Promise<void> {
    await publishUpstream(this.stack, OrderStream, orderId, 'orderAwaitingPayment', {
        orderId,
        customerId: customer.userId,
        total: { amountMinor: amountCents, currency },
        paymentDueAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      });
    await this.orderStatusIs(orderId, 'PAYABLE');
  }

  async rejectOrder(orderId: string, customer: Person): Promise<void> {
    await publishUpstream(this.stack, OrderStream, orderId, 'orderRejected', { orderId, customerId: customer.userId, reason: 'out of stock', lines: [] });
    await this.orderStatusIs(orderId, 'CLOSED');
  }

  /** The payment as its requester reads it, once it has reached `status`. */
  async paymentReaches(as: Person, paymentId: string, status: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return waitFor(`payment ${paymentId} to be ${status}`, async () => {
      const { body } = await this.request('GET', `/payments/${paymentId}`, as);
      return body?.status === status && body;
    });
  }

  async cancelOrder(orderId: string, customer: Person, refundRequired: boolean): Promise<void> {
    await publishUpstream(this.stack, OrderStream, orderId, 'orderCancelled', {
        orderId,
        customerId: customer.userId,
        previousStatus: refundRequired ? 'PAID' : 'AWAITING_PAYMENT',
        reason: 'customer changed their mind',
        refundRequired,
        lines: [],
      });
    await this.orderStatusIs(orderId, 'CLOSED');
  }

  async orderStatusIs(orderId: string, status: string): Promise<void> {
    await waitFor(`order ${orderId} to be ${status} for payments`, async () => {
      const row = await this.stack.db('payments')('payable_orders').where({ order_id: orderId }).first();
      return row?.status === status;
    });
  }

  pay(as: Person, orderId: string, token: string, idempotencyKey: string | undefined = randomUUID()) {
    return this.request('POST', '/payments', as, {
      body: { orderId, paymentMethod: { type: 'card', token } },
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    });
  }

  refund(as: Person, paymentId: string, body: { amountCents?: number; reason?: string }, idempotencyKey?: string) {
    return this.request('POST', `/payments/${paymentId}/refunds`, as, {
      body,
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    });
  }

  async request(
    method: string,
    path: string,
    as: Person | undefined,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(`${this.stack.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(as ? { authorization: as.authorization } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
}

export interface Person {
  userId: string;
  authorization: string;
}
