import type { CartResponse } from './cart/cart.dto';
import type { OrderResponse, ShippingAddressDto } from './orders.dto';

export interface OrdersPersonalDataResponse {
  orders: OrderResponse[];
  cart: CartResponse;
  /** The copy of the profile's default shipping address orders keeps for checkouts that name none. */
  defaultShippingAddress: ShippingAddressDto | null;
}
