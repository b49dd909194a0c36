import type { MartModule, ModuleDependencies } from '../../src/module';
import { RegisterRoutes } from './api/generated/routes';
import { notificationsSettings } from './application/notifications-settings';
import { NotificationsController } from './api/notifications.controller';
import { createNotificationDispatcher } from './application/dispatch-notifications';
import { notifyCustomerWhenOrderAwaitingPayment } from './consumers/notify-customer-when-order-awaiting-payment.consumer';
import { notifyCustomerWhenOrderCancelled } from './consumers/notify-customer-when-order-cancelled.consumer';
import { notifyCustomerWhenOrderPaid } from './consumers/notify-customer-when-order-paid.consumer';
import { notifyCustomerWhenOrderRejected } from './consumers/notify-customer-when-order-rejected.consumer';
import { notifyCustomerWhenFulfilmentDelivered } from './consumers/notify-customer-when-fulfilment-delivered.consumer';
import { notifyCustomerWhenFulfilmentShipped } from './consumers/notify-customer-when-fulfilment-shipped.consumer';
import { notifyCustomerWhenReturnApproved } from './consumers/notify-customer-when-return-approved.consumer';
import { notifyCustomerWhenReturnDeclined } from './consumers/notify-customer-when-return-declined.consumer';
import { notifyCustomerWhenReturnReceived } from './consumers/notify-customer-when-return-received.consumer';
import { notifyCustomerWhenReturnRequested } from './consumers/notify-customer-when-return-requested.consumer';
import { notifyCustomerWhenPaymentFailed } from './consumers/notify-customer-when-payment-failed.consumer';
import { notifyCustomerWhenPaymentRefunded } from './consumers/notify-customer-when-payment-refunded.consumer';
import { remindCustomerWhenCartAbandoned } from './consumers/remind-customer-when-cart-abandoned.consumer';
import { rememberRecipientWhenUserRegistered } from './consumers/remember-recipient-when-user-registered.consumer';
import { updateRecipientWhenUserProfileUpdated } from './consumers/update-recipient-when-user-profile-updated.consumer';
import { welcomeUserWhenUserRegistered } from './consumers/welcome-user-when-user-registered.consumer';
import { RecordedSmsSender } from './infrastructure/recorded-sms-sender.adapter';
import { SmtpEmailSender } from './infrastructure/smtp-email-sender.adapter';

const DISPATCH_BATCH_SIZE = 20;
const SENDING_LEASE_MS = 5 * 60 * 1000;

export function createNotificationsModule({ config: { environment }, logger, db, outages }: ModuleDependencies): MartModule {
  const settings = notificationsSettings(environment);
  const email = new SmtpEmailSender({ smtpUrl: settings.smtpUrl, from: settings.mailFrom });
  const dispatcher = createNotificationDispatcher({
    db,
    email,
    sms: new RecordedSmsSender(db),
    logger: logger.child({ component: 'notification-dispatcher' }),
    outages,
    policy: {
      maxAttempts: settings.maxAttempts,
      retryBaseMs: settings.retryBaseMs,
      intervalMs: settings.dispatchIntervalMs,
      batchSize: DISPATCH_BATCH_SIZE,
      sendingLeaseMs: SENDING_LEASE_MS,
    },
  });
  return {
    name: 'notifications',
    routes: RegisterRoutes,
    controllers: [new NotificationsController(db)],
    // The recipient is remembered before the welcome is queued: handlers of one event run in this order.
    handlers: [
      rememberRecipientWhenUserRegistered,
      welcomeUserWhenUserRegistered,
      updateRecipientWhenUserProfileUpdated,
      notifyCustomerWhenOrderAwaitingPayment,
      notifyCustomerWhenOrderPaid,
      notifyCustomerWhenOrderRejected,
      notifyCustomerWhenFulfilmentShipped,
      notifyCustomerWhenFulfilmentDelivered,
      notifyCustomerWhenReturnRequested,
      notifyCustomerWhenReturnApproved,
      notifyCustomerWhenReturnDeclined,
      notifyCustomerWhenReturnReceived,
      notifyCustomerWhenOrderCancelled,
      notifyCustomerWhenPaymentFailed,
      notifyCustomerWhenPaymentRefunded,
      remindCustomerWhenCartAbandoned,
    ],
    start: async () => {
      dispatcher.start();
    },
    stop: async () => {
      await dispatcher.stop();
      email.close();
    },
  };
}
