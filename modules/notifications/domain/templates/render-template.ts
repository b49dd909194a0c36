import { renderPasswordChanged, renderPasswordReset, renderRegistrationAttempted, renderVerifyEmail } from './account.templates';
import { renderCartReminder } from './cart.templates';
import { renderOrderAwaitingPayment, renderOrderCancelled, renderOrderConfirmed, renderOrderRejected, renderOrderShipped } from './order.templates';
import { renderParcelDelivered, renderParcelShipped, renderReturnUpdate } from './parcel.templates';
import { renderPaymentFailed, renderPaymentRefunded } from './payment.templates';
import type { Addressee, RenderedMessage, TemplateMessage } from './template-message';
import { renderWebhookEndpointDisabled } from './webhook.templates';
import { renderWelcome } from './welcome.template';

export function renderTemplate(to: Addressee, message: TemplateMessage): RenderedMessage {
  switch (message.template) {
    case 'welcome':
      return renderWelcome(to);
    case 'order-awaiting-payment':
      return renderOrderAwaitingPayment(to, message);
    case 'order-confirmed':
      return renderOrderConfirmed(to, message);
    case 'order-rejected':
      return renderOrderRejected(to, message);
    case 'order-shipped':
      return renderOrderShipped(to, message);
    case 'parcel-shipped':
      return renderParcelShipped(to, message);
    case 'parcel-delivered':
      return renderParcelDelivered(to, message);
    case 'return-update':
      return renderReturnUpdate(to, message);
    case 'order-cancelled':
      return renderOrderCancelled(to, message);
    case 'payment-failed':
      return renderPaymentFailed(to, message);
    case 'payment-refunded':
      return renderPaymentRefunded(to, message);
    case 'cart-reminder':
      return renderCartReminder(to, message);
    case 'webhook-endpoint-disabled':
      return renderWebhookEndpointDisabled(to, message);
    case 'verify-email':
      return renderVerifyEmail(to, message);
    case 'registration-attempted':
      return renderRegistrationAttempted(to, message);
    case 'password-reset':
      return renderPasswordReset(to, message);
    case 'password-changed':
      return renderPasswordChanged(to, message);
  }
}
