import { conflict, DomainError, invalid, notFound, unprocessable, type FieldProblem } from '../../../src/errors/domain-error';

export const PaymentErrors = {
  tooManyHeldPayments: (max: number) =>
    conflict('PAYMENTS.TOO_MANY_HELD_PAYMENTS', `A user may hold ${max} payments at once for orders not yet known here; wait for them to settle or expire`, {
      max,
    }),
  invalidOrderId: () =>
    invalid('PAYMENTS.INVALID_ORDER_ID', 'orderId must be a UUID', [{ field: 'orderId', message: 'must be a UUID' }]),
  orderNotFound: () => notFound('PAYMENTS.ORDER_NOT_FOUND', 'No such order'),
  orderNotPayable: (orderStatus: string, extensions: Record<string, unknown> = {}) =>
    conflict('PAYMENTS.ORDER_NOT_PAYABLE', `The order cannot be paid now (its status is ${orderStatus})`, {
      orderStatus,
      ...extensions,
    }),
  paymentInProgress: (paymentId: string) =>
    conflict('PAYMENTS.PAYMENT_IN_PROGRESS', 'Another payment for this order is being processed; try again shortly', {
      paymentId,
      retryAfterSeconds: 2,
    }),
  invalidPaymentMethod: () =>
    unprocessable('PAYMENTS.INVALID_PAYMENT_METHOD', 'The payment method token is not valid', {
      fields: [{ field: 'paymentMethod.token', message: 'is not a valid payment method token' }],
    }),
  processorTimeout: (paymentId: string, retryAfterSeconds: number) =>
    new DomainError(
      'PAYMENTS.PROCESSOR_TIMEOUT',
      'unavailable',
      'The payment processor did not answer in time; the outcome will be settled shortly. Retry with the same Idempotency-Key or read the payment.',
      { paymentId, retryAfterSeconds },
    ),
  paymentNotFound: () => notFound('PAYMENTS.NOT_FOUND', 'No such payment'),
  paymentNotCaptured: (status: string) =>
    conflict('PAYMENTS.NOT_CAPTURED', `Only a succeeded payment can be refunded (this one is ${status.toLowerCase()})`, {
      paymentStatus: status,
    }),
  refundExceedsCaptured: (requestedCents: number, refundableCents: number) =>
    unprocessable(
      'PAYMENTS.REFUND_EXCEEDS_CAPTURED',
      `A refund of ${requestedCents} exceeds the ${refundableCents} still refundable on this payment`,
      { requestedCents, refundableCents },
    ),
  invalidLimit: (problem: FieldProblem) => invalid('PAYMENTS.INVALID_LIMIT', `limit ${problem.message}`, [problem]),
  invalidCursor: () => invalid('PAYMENTS.INVALID_CURSOR', 'The cursor is not valid', [{ field: 'cursor', message: 'is not valid' }]),
};
