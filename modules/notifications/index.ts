import { randomBytes } from 'node:crypto';
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
import { updateRecipientWhenUserRoleChanged } from './consumers/update-recipient-when-user-role-changed.consumer';
import { queueWebhooksWhenAnyEvent } from './consumers/queue-webhooks-when-any-event.consumer';
import { sendVerificationLinkWhenEmailVerificationRequested } from './consumers/send-verification-link-when-email-verification-requested.consumer';
import { updateRecipientWhenEmailVerified } from './consumers/update-recipient-when-email-verified.consumer';
import { welcomeUserWhenEmailVerified } from './consumers/welcome-user-when-email-verified.consumer';
import { warnOwnerWhenRegistrationAttempted } from './consumers/warn-owner-when-registration-attempted.consumer';
import { sendResetLinkWhenPasswordResetRequested } from './consumers/send-reset-link-when-password-reset-requested.consumer';
import { notifyUserWhenPasswordChanged } from './consumers/notify-user-when-password-changed.consumer';
import { eraseCustomerDataWhenUserErased } from './consumers/erase-customer-data-when-user-erased.consumer';
import { accountLinks } from './application/account-links';
import { personalDataSeal } from '../../src/crypto/personal-data';
import { WebhookDeliveriesController } from './api/webhooks/webhook-deliveries.controller';
import { WebhookEndpointsController } from './api/webhooks/webhook-endpoints.controller';
import { WebhookEventTypesController } from './api/webhooks/webhook-event-types.controller';
import { createWebhookDispatcher } from './application/webhooks/dispatch-webhooks';
import { SealedSecrets } from '../../src/crypto/sealed-secrets';
import type { WebhooksDependencies } from './application/webhooks/webhooks-dependencies';
import { HttpWebhookTransport } from './infrastructure/webhooks/http-webhook-transport.adapter';
import { anyEndpointEnabled } from './infrastructure/webhooks/webhook-endpoint.repository';
import { RecordedSmsSender } from './infrastructure/recorded-sms-sender.adapter';
import { SmtpEmailSender } from './infrastructure/smtp-email-sender.adapter';

const DISPATCH_BATCH_SIZE = 20;
const SENDING_LEASE_MS = 5 * 60 * 1000;

export function createNotificationsModule({ config: { environment, env, personalDataKey }, logger, db, outages, eventArchive }: ModuleDependencies): MartModule {
  const settings = notificationsSettings(environment, env);
  const seal = personalDataSeal(personalDataKey);
  const links = accountLinks(settings.accountLinksBaseUrl);
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
  const { webhooks } = settings;
  if (!webhooks.secretsKey) {
    logger.warn('WEBHOOK_SECRETS_KEY is not set: webhook signing secrets are sealed with a key of this process, unreadable after it ends');
  }
  const transport = new HttpWebhookTransport({
    allowPrivateTargets: webhooks.allowPrivateTargets,
    requireHttps: webhooks.requireHttps,
    timeoutMs: webhooks.timeoutMs,
    maxSockets: webhooks.concurrencyPerEndpoint,
  });
  const webhookDeps: WebhooksDependencies = {
    db,
    transport,
    sealed: new SealedSecrets(webhooks.secretsKey ?? randomBytes(32)),
    settings: webhooks,
    eventArchive,
    logger: logger.child({ component: 'webhooks' }),
    outages,
  };
  const webhookDispatcher = createWebhookDispatcher(webhookDeps);
  return {
    name: 'notifications',
    routes: RegisterRoutes,
    controllers: [
      new NotificationsController(db),
      new WebhookEndpointsController(webhookDeps),
      new WebhookDeliveriesController(webhookDeps),
      new WebhookEventTypesController(),
    ],
    // The recipient is remembered before the welcome is queued: handlers of one event run in this order.
    handlers: [
      rememberRecipientWhenUserRegistered(seal),
      welcomeUserWhenUserRegistered,
      sendVerificationLinkWhenEmailVerificationRequested(seal, links),
      updateRecipientWhenEmailVerified(seal),
      welcomeUserWhenEmailVerified,
      warnOwnerWhenRegistrationAttempted(links),
      sendResetLinkWhenPasswordResetRequested(seal, links),
      notifyUserWhenPasswordChanged(links),
      eraseCustomerDataWhenUserErased,
      updateRecipientWhenUserProfileUpdated(seal),
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
      updateRecipientWhenUserRoleChanged,
      ...queueWebhooksWhenAnyEvent(webhooks.maxBodyBytes),
    ],
    sideGroupWanted: () => anyEndpointEnabled(db),
    start: async () => {
      dispatcher.start();
      webhookDispatcher.start();
    },
    stop: async () => {
      await Promise.all([dispatcher.stop(), webhookDispatcher.stop()]);
      email.close();
      transport.close();
    },
  };
}
