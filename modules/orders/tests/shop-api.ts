import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type Role } from '../../../src/auth/access-tokens';
import type { TestStack } from '../../../test/test-stack';
import { waitFor } from '../../../test/wait-for';
import { signIn } from '../../../test/signed-in';

export interface Shopper {
  userId: string;
  token: string;
}

export const ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

/** Drives the running API the way clients do: admins stock the shop, customers order and pay. */
export function shopApi(stack: TestStack) {
  const http = () => request(stack.baseUrl);
  const auth = (who: Shopper) => ({ Authorization: `Bearer ${who.token}` });
  let backOfficeAdmin: Promise<Shopper> | undefined;
  const backOffice = () => (backOfficeAdmin ??= signIn(stack, 'admin'));

  const api = {
    http,
    /** A signed-in user with a live session, as after POST /auth/login. */
    person(role: Role = 'customer'): Promise<Shopper> {
      return signIn(stack, role);
    },

    /** Creates a product with stock and waits until orders can price it and inventory has it on the shelf. */
    async stockedProduct(admin: Shopper, options: { priceCents?: number; currency?: string; onHand?: number } = {}) {
      const sku = `T-${randomUUID().slice(0, 8)}`;
      const created = await http()
        .post('/products')
        .set(auth(admin))
        .send({
          sku,
          name: `Test product ${sku}`,
          description: 'for an orders test',
          priceCents: options.priceCents ?? 1250,
          currency: options.currency ?? 'EUR',
          category: 'Test',
        });
      if (created.status !== 201) throw new Error(`create product: ${created.status} ${JSON.stringify(created.body)}`);
      const productId = created.body.id as string;
      const onHand = options.onHand ?? 10;
      if (onHand > 0) {
        await waitFor(`inventory to stock ${productId}`, async () => {
          const adjusted = await http()
            .post(`/inventory/${productId}/adjustments`)
            .set(auth(admin))
            .set('Idempotency-Key', `restock-${productId}`)
            .send({ delta: onHand, reason: 'restock' });
          return adjusted.status === 201 || adjusted.status === 200;
        });
      }
      await api.untilCatalogKnows(productId);
      return { productId, sku: created.body.sku as string, priceCents: options.priceCents ?? 1250 };
    },

    async untilCatalogKnows(productId: string, predicate: (row: { archived: boolean; price_cents: number; tax_class: string }) => boolean = () => true) {
      await waitFor(`orders' catalogue to know ${productId}`, async () => {
        const row = await stack
          .db('orders')('catalog_variants as v')
          .leftJoin('catalog as c', 'c.product_id', 'v.product_id')
          .where({ 'v.variant_id': productId })
          .first(stack.db('orders').raw('(v.archived or coalesce(c.archived, false)) as archived'), 'v.price_cents', 'v.tax_class');
        return row && predicate(row);
      });
    },

    placeOrder(who: Shopper, body: object, idempotencyKey: string | null = randomUUID()) {
      const call = http().post('/orders').set(auth(who));
      if (idempotencyKey !== null) call.set('Idempotency-Key', idempotencyKey);
      return call.send(body);
    },

    getOrder: (who: Shopper, orderId: string) => http().get(`/orders/${orderId}`).set(auth(who)),
    listOrders: (who: Shopper, query: Record<string, string | number> = {}) => http().get('/orders').query(query).set(auth(who)),
    cancel: (who: Shopper, orderId: string) => http().post(`/orders/${orderId}/cancel`).set(auth(who)),
    ship: (who: Shopper, orderId: string, trackingNumber = 'TRACK-1') =>
      http().post(`/orders/${orderId}/ship`).set(auth(who)).send({ trackingNumber }),
    deliver: (who: Shopper, orderId: string) => http().post(`/orders/${orderId}/deliver`).set(auth(who)),
    /** Stock counts, as an admin reads them (customers see only IN_STOCK, LOW_STOCK or OUT_OF_STOCK). */
    stockOf: async (productId: string) =>
      (await http().get(`/inventory/${productId}/level`).set(auth(await backOffice()))).body as { onHand: number; reserved: number; available: number },
    payments: async (who: Shopper, orderId: string) => (await http().get('/payments').query({ orderId }).set(auth(who))).body.items as Array<{
      id: string;
      status: string;
      refundedCents: number;
      refunds: Array<{ status: string; amountCents: number; returnId?: string }>;
    }>,

    async untilStatus(who: Shopper, orderId: string, status: string, timeoutMs = 20_000) {
      return waitFor(
        `order ${orderId} to be ${status}`,
        async () => {
          const response = await api.getOrder(who, orderId);
          return response.body.status === status && response.body;
        },
        { timeoutMs },
      );
    },

    /** Pays once the payments module lets the order be paid (it learns of it from OrderAwaitingPayment). */
    async pay(who: Shopper, orderId: string, token = 'tok_visa') {
      return waitFor(`payment of ${orderId} to be taken`, async () => {
        const paid = await http()
          .post('/payments')
          .set(auth(who))
          .set('Idempotency-Key', randomUUID())
          .send({ orderId, paymentMethod: { type: 'card', token } });
        if (paid.status >= 300) throw new Error(`POST /payments answered ${paid.status} ${JSON.stringify(paid.body)}`);
        return paid;
      });
    },
  };
  return api;
}
