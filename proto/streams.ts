import './int64-as-number';
import { mart } from './generated/contracts';
import type { Envelope, EventStream } from './event-stream';

export type { Envelope, EventStream, EventCase, EventPayload } from './event-stream';
export { eventTypeName } from './event-stream';
export { mart } from './generated/contracts';

function stream<E extends Envelope>(definition: EventStream<E>): EventStream<E> {
  return definition;
}

export const UserStream = stream<mart.users.v1.UserEvent>({
  module: 'users',
  topic: 'mart.users.user.v1',
  protoFile: 'mart/users/v1/user.proto',
  protoPackage: 'mart.users.v1',
  codec: mart.users.v1.UserEvent,
  // Compacted as well as deleted after retention: each user event carries the whole profile, so the latest one per
  // user is the state. Erasure relies on it: after UserErased the user's earlier records (the only place in Kafka
  // their sealed data key is kept) are compacted away within max.compaction.lag.ms. Records younger than
  // min.compaction.lag.ms are never compacted, so SessionsEnded stays readable for longer than any access token lives.
  topicConfig: {
    'cleanup.policy': 'compact,delete',
    'min.compaction.lag.ms': String(60 * 60 * 1000),
    'max.compaction.lag.ms': String(24 * 60 * 60 * 1000),
    'segment.ms': String(60 * 60 * 1000),
  },
});

export const ProductStream = stream<mart.products.v1.ProductEvent>({
  module: 'products',
  topic: 'mart.products.product.v1',
  protoFile: 'mart/products/v1/product.proto',
  protoPackage: 'mart.products.v1',
  codec: mart.products.v1.ProductEvent,
});

export const StockItemStream = stream<mart.inventory.v1.StockItemEvent>({
  module: 'inventory',
  topic: 'mart.inventory.stock-item.v1',
  protoFile: 'mart/inventory/v1/stock_item.proto',
  protoPackage: 'mart.inventory.v1',
  codec: mart.inventory.v1.StockItemEvent,
});

export const ReservationStream = stream<mart.inventory.v1.ReservationEvent>({
  module: 'inventory',
  topic: 'mart.inventory.reservation.v1',
  protoFile: 'mart/inventory/v1/reservation.proto',
  protoPackage: 'mart.inventory.v1',
  codec: mart.inventory.v1.ReservationEvent,
});

export const OrderStream = stream<mart.orders.v1.OrderEvent>({
  module: 'orders',
  topic: 'mart.orders.order.v1',
  protoFile: 'mart/orders/v1/order.proto',
  protoPackage: 'mart.orders.v1',
  codec: mart.orders.v1.OrderEvent,
});

export const CartStream = stream<mart.orders.cart.v1.CartEvent>({
  module: 'orders',
  topic: 'mart.orders.cart.v1',
  protoFile: 'mart/orders/v1/cart.proto',
  protoPackage: 'mart.orders.cart.v1',
  codec: mart.orders.cart.v1.CartEvent,
});

export const PaymentStream = stream<mart.payments.v1.PaymentEvent>({
  module: 'payments',
  topic: 'mart.payments.payment.v1',
  protoFile: 'mart/payments/v1/payment.proto',
  protoPackage: 'mart.payments.v1',
  codec: mart.payments.v1.PaymentEvent,
});

export const NotificationStream = stream<mart.notifications.v1.NotificationEvent>({
  module: 'notifications',
  topic: 'mart.notifications.notification.v1',
  protoFile: 'mart/notifications/v1/notification.proto',
  protoPackage: 'mart.notifications.v1',
  codec: mart.notifications.v1.NotificationEvent,
});

export const allStreams: readonly EventStream[] = [
  UserStream,
  ProductStream,
  StockItemStream,
  ReservationStream,
  OrderStream,
  CartStream,
  PaymentStream,
  NotificationStream,
] as unknown as readonly EventStream[];

export function streamForTopic(topic: string): EventStream | undefined {
  return allStreams.find((s) => s.topic === topic);
}
