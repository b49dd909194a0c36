import { renamedField } from '../../../src/http/renamed-field';
import { Body, Controller, Get, Header, Path, Post, Query, Request, Res, Response, Route, Security, Tags, type TsoaResponse } from '@tsoa/runtime';
import type { Problem } from '../../../src/http/problem-details';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import { getPayment } from '../application/get-payment';
import { listPayments } from '../application/list-payments';
import { exportCustomerData } from '../application/export-customer-data';
import { payForOrder } from '../application/pay-for-order';
import type { PaymentsDependencies } from '../application/payments-dependencies';
import { refundPayment } from '../application/refund-payment';
import { isHeld } from '../domain/payment-status';
import {
  toPaymentResponse,
  toRefundResponse,
  type PayForOrderRequest,
  type PaymentPageResponse,
  type PaymentsPersonalDataResponse,
  type PaymentResponse,
  type RefundRequest,
  type RefundResponse,
} from './payments.dto';

// Controllers are shared by all requests, so status and headers go through per-request responders
// (`@Res()`), never through the instance's setStatus/setHeader, which concurrent requests would overwrite.
@Route('payments')
@Tags('Payments')
export class PaymentsController extends Controller {
  constructor(private readonly deps: PaymentsDependencies) {
    super();
  }

  /**
   * Pays an order with a card token. The amount is the order's total. Pay as soon as `POST /orders` answered:
   * a payment is never refused for being early.
   *
   * - The order awaits payment: it is charged now (201). A declined card still creates the payment, in status
   *   FAILED with its decline code; the order stays payable, so pay again with a new Idempotency-Key.
   * - The order cannot be charged yet (this service has not seen it yet: `REQUIRES_ORDER`; its stock is still
   *   being reserved: `PENDING`): the payment is held and the answer is 202 with the payment and its Location.
   *   It is charged as soon as the order awaits payment (status then PROCESSING, SUCCEEDED or FAILED), and the
   *   order becomes PAID by itself. If the order is rejected, expires or is cancelled first, the payment ends
   *   CANCELLED, uncharged, with its `cancellationReason`; one that names no order of yours ends so after the hold
   *   expires (`order_not_found`). Poll `GET /payments/{id}`.
   * - The order is paid or closed: 409 `PAYMENTS.ORDER_NOT_PAYABLE`; another charge is in flight: 409
   *   `PAYMENTS.PAYMENT_IN_PROGRESS`.
   *
   * Repeating a request with the same key and body returns the same payment (200, or 202 while it is held); the
   * same key with another body is refused (422). When the processor does not answer in time the answer is 503
   * with Retry-After: retry with the same key.
   * @param idempotencyKey A client-chosen unique key per payment attempt (1 to 255 visible ASCII characters).
   * @summary Pay for an order
   */
  @Post()
  @Security('jwt')
  @Response<Problem>(400, 'Invalid body, order id or Idempotency-Key')
  @Response<Problem>(401, 'No valid access token')
  @Response<Problem>(409, 'PAYMENTS.ORDER_NOT_PAYABLE (paid or closed), PAYMENTS.PAYMENT_IN_PROGRESS, or PAYMENTS.TOO_MANY_HELD_PAYMENTS (the caller holds its most payments for orders not yet known)')
  @Response<Problem>(422, 'PAYMENTS.INVALID_PAYMENT_METHOD or REQUEST.IDEMPOTENCY_KEY_REUSED')
  @Response<Problem>(503, 'PAYMENTS.PROCESSOR_TIMEOUT, with Retry-After: retry with the same Idempotency-Key')
  public async pay(
    @Request() req: AuthenticatedRequest,
    @Header('Idempotency-Key') idempotencyKey: string,
    @Body() body: PayForOrderRequest,
    @Res() created: TsoaResponse<201, PaymentResponse, { Location: string }>,
    @Res() replayed: TsoaResponse<200, PaymentResponse, { Location: string }>,
    @Res() held: TsoaResponse<202, PaymentResponse, { Location: string }>,
  ): Promise<void> {
    const { payment, created: isNew } = await payForOrder(this.deps, {
      caller: req.user,
      idempotencyKey,
      orderId: body.orderId,
      paymentMethod: body.paymentMethod,
    });
    const response = toPaymentResponse(await getPayment(this.deps.db, req.user, payment.id));
    const location = { Location: `/payments/${payment.id}` };
    if (isHeld(response.status)) held(202, response, location);
    else if (isNew) created(201, response, location);
    else replayed(200, response, location);
  }

  /**
   * Payments newest first, with their refunds: a customer's own, or everyone's for an admin.
   * @summary List payments
   */
  @Get()
  @Security('jwt')
  @Response<Problem>(400, 'PAYMENTS.INVALID_LIMIT or PAYMENTS.INVALID_CURSOR')
  @Response<Problem>(401, 'No valid access token')
  public async list(
    @Request() req: AuthenticatedRequest,
    @Query() orderId?: string,
    @Query() limit?: number,
    @Query() cursor?: string,
  ): Promise<PaymentPageResponse> {
    const page = await listPayments(this.deps.db, req.user, { orderId, limit, cursor });
    return { items: page.items.map(toPaymentResponse), nextCursor: page.nextCursor };
  }

  /**
   * Everything the payments module holds about the caller: every payment with its card details and refunds. Part of
   * the caller's personal-data export (`GET /users/me/export`).
   * @summary Export your payments data
   */
  @Get('personal-data')
  @Tags('Personal data')
  @Security('jwt')
  @Response<Problem>(401, 'No valid access token')
  public async personalData(@Request() req: AuthenticatedRequest): Promise<PaymentsPersonalDataResponse> {
    const data = await exportCustomerData(this.deps.db, req.user.userId);
    return { payments: data.payments.map(toPaymentResponse) };
  }

  /** @summary Read a payment */
  @Get('{paymentId}')
  @Security('jwt')
  @Response<Problem>(401, 'No valid access token')
  @Response<Problem>(404, 'PAYMENTS.NOT_FOUND: no such payment, or not yours')
  public async get(@Request() req: AuthenticatedRequest, @Path() paymentId: string): Promise<PaymentResponse> {
    return toPaymentResponse(await getPayment(this.deps.db, req.user, paymentId));
  }

  /**
   * Gives back part (amountMinor) or all of a succeeded payment. Never more than captured minus already refunded.
   * @param idempotencyKey Optional; the same key and body return the same refund.
   * @summary Refund a payment
   */
  @Post('{paymentId}/refunds')
  @Security('jwt', ['admin'])
  @Response<Problem>(400, 'Invalid amount or reason')
  @Response<Problem>(401, 'No valid access token')
  @Response<Problem>(403, 'Admins only')
  @Response<Problem>(404, 'PAYMENTS.NOT_FOUND')
  @Response<Problem>(409, 'PAYMENTS.NOT_CAPTURED')
  @Response<Problem>(422, 'PAYMENTS.REFUND_EXCEEDS_CAPTURED or REQUEST.IDEMPOTENCY_KEY_REUSED')
  public async refund(
    @Request() req: AuthenticatedRequest,
    @Path() paymentId: string,
    @Body() body: RefundRequest,
    @Res() created: TsoaResponse<201, RefundResponse, { Location: string }>,
    @Res() replayed: TsoaResponse<200, RefundResponse, { Location: string }>,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<void> {
    const { refund, created: isNew } = await refundPayment(this.deps, {
      caller: req.user,
      paymentId,
      idempotencyKey,
      amountCents: renamedField<RefundRequest, number>(body, 'amountMinor', 'amountCents'),
      reason: body.reason,
    });
    const location = { Location: `/payments/${paymentId}` };
    if (isNew) created(201, toRefundResponse(refund), location);
    else replayed(200, toRefundResponse(refund), location);
  }
}
