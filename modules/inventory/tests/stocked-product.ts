import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProductStream } from '../../../proto/streams';
import type { TestStack } from '../../../test/test-stack';
import { publishUpstream } from '../../../test/upstream-event';
import { waitFor } from '../../../test/wait-for';

/**
 * A variant announced by the products module (VariantCreated, as the relay sends it: products need not run), its
 * stock item opened by inventory and, when `onHand` > 0, restocked by an admin at the default location. Returns the
 * variant's id (a product's default variant, so also the product's).
 */
export async function stockedProduct(stack: TestStack, admin: string, onHand: number, name = 'Espresso beans'): Promise<string> {
  const api = () => request(stack.baseUrl);
  const variantId = randomUUID();
  await publishUpstream(stack, ProductStream, variantId, 'variantCreated', {
    productId: variantId,
    variantId,
    sku: `S-${randomUUID()}`.slice(0, 40),
    productName: name,
    price: { amountMinor: 899, currency: 'EUR' },
    version: 1,
  });
  await waitFor('the stock item', async () => (await api().get(`/inventory/${variantId}`)).status === 200);
  if (onHand > 0) {
    await api().post(`/inventory/${variantId}/adjustments`).set('Authorization', admin).send({ delta: onHand, reason: 'restock' }).expect(201);
  }
  return variantId;
}
