import type { Fulfilment, FulfilmentStatus, FulfilmentStock } from '../../domain/fulfilment/fulfilment';
import type { LineProgress } from '../../domain/fulfilment/order-progress';

/**
 * A UUID.
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 */
export type FulfilmentId = string;

export interface ItemQuantityRequest {
  variantId: FulfilmentId;
  /**
   * @isInt
   * @minimum 1
   * @maximum 1000000
   */
  quantity: number;
}

export interface CreateFulfilmentRequest {
  /** The stock location the units leave from (GET /stock-locations). */
  locationId: FulfilmentId;
  /**
   * @minItems 1
   * @maxItems 50
   */
  lines: ItemQuantityRequest[];
}

export interface ShipFulfilmentRequest {
  /** @minLength 1 @maxLength 100 @example "DHL" */
  carrier: string;
  /** @minLength 1 @maxLength 100 @pattern \S @example "JJD000390007814538" */
  trackingNumber: string;
  /** @maxLength 500 @example "https://www.dhl.de/track?piececode=JJD000390007814538" */
  trackingUrl?: string;
}

export interface CancelFulfilmentRequest {
  /** @maxLength 500 */
  reason?: string;
}

export interface ItemQuantityResponse {
  variantId: string;
  /** @isInt */
  quantity: number;
}

export interface TrackingResponse {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
}

export interface FulfilmentResponse {
  id: string;
  orderId: string;
  /** Absent only for orders shipped as a whole before fulfilments existed. */
  locationId?: string;
  /** PENDING (being packed), SHIPPED, DELIVERED or CANCELLED. */
  status: FulfilmentStatus;
  /** HELD: the units are reserved at its location; MOVING: inventory is moving their reservation there (it cannot ship yet); REFUSED: it could not. */
  stock: FulfilmentStock;
  lines: ItemQuantityResponse[];
  tracking?: TrackingResponse;
  /** Why it was cancelled. */
  reason?: string;
  createdAt: string;
  shippedAt?: string;
  deliveredAt?: string;
  cancelledAt?: string;
}

/** How far one order line has gone, in units. */
export interface LineProgressResponse {
  variantId: string;
  /** @isInt */
  ordered: number;
  /** In fulfilments that are not cancelled (packing, shipped or delivered). @isInt */
  fulfilled: number;
  /** @isInt */
  shipped: number;
  /** @isInt */
  delivered: number;
  /** Received back by returns. @isInt */
  returned: number;
}

export function toFulfilmentResponse(f: Fulfilment): FulfilmentResponse {
  return {
    id: f.id,
    orderId: f.orderId,
    ...(f.locationId ? { locationId: f.locationId } : {}),
    status: f.status,
    stock: f.stock,
    lines: f.lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
    ...(f.tracking
      ? { tracking: { carrier: f.tracking.carrier, trackingNumber: f.tracking.trackingNumber, ...(f.tracking.trackingUrl ? { trackingUrl: f.tracking.trackingUrl } : {}) } }
      : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    createdAt: f.createdAt.toISOString(),
    ...(f.shippedAt ? { shippedAt: f.shippedAt.toISOString() } : {}),
    ...(f.deliveredAt ? { deliveredAt: f.deliveredAt.toISOString() } : {}),
    ...(f.cancelledAt ? { cancelledAt: f.cancelledAt.toISOString() } : {}),
  };
}

export function toLineProgressResponse(line: LineProgress): LineProgressResponse {
  return { ...line };
}
