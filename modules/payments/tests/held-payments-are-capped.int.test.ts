import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../../../test/test-stack';
import { PaymentsTestKit } from './payments-test-kit';

describe('payments held for orders not yet known are capped per user', () => {
  let stack: TestStack;
  let kit: PaymentsTestKit;

  beforeAll(async () => {
    stack = await startTestStack({ modules: ['payments'], env: { PAYMENTS_MAX_HELD_PER_USER: '3' } });
    kit = new PaymentsTestKit(stack);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('holds 3 of 10 payments sent at once for unknown orders, refuses the rest, and still holds for another user', async () => {
    const mallory = await kit.person();
    const answers = await Promise.all(Array.from({ length: 10 }, () => kit.pay(mallory, randomUUID(), 'tok_visa')));

    expect(answers.filter((r) => r.status === 202).map((r) => r.body.status)).toEqual(['REQUIRES_ORDER', 'REQUIRES_ORDER', 'REQUIRES_ORDER']);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(7);
    expect(refused[0].body).toMatchObject({ code: 'PAYMENTS.TOO_MANY_HELD_PAYMENTS', status: 409 });
    expect(await stack.db('payments')('payments').where({ requested_by: mallory.userId })).toHaveLength(3);

    const bob = await kit.person();
    expect((await kit.pay(bob, randomUUID(), 'tok_visa')).status).toBe(202);
  });
});
