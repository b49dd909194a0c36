import type { MinorUnits } from '../../../../src/money/minor-units';
import type { Promotion, PromotionKind } from '../../domain/promotions/promotion';

export interface CreatePromotionRequest {
  /**
   * 3 to 40 letters, digits, - or _; unique whatever the case.
   * @example "WELCOME10"
   */
  code: string;
  /** @maxLength 500 */
  description?: string;
  kind: PromotionKind;
  /**
   * Percent (1–100) for `percentage`, minor units (> 0) for `fixed`.
   * @isLong
   * @example 10
   */
  value: number;
  /**
   * ISO 4217; required for `fixed`, optional for `percentage` (then only orders in it qualify).
   * @pattern ^[A-Za-z]{3}$
   */
  currency?: string;
  minSubtotalMinor?: MinorUnits;
  /** @deprecated Use `minSubtotalMinor`: the same amount, named as in the events. */
  minSubtotalCents?: MinorUnits;
  /** How many orders may use the code in all. @isInt */
  usageLimit?: number;
  /** How many orders one customer may use it for. @isInt */
  perCustomerLimit?: number;
  startsAt?: Date;
  endsAt?: Date;
}

export interface ChangePromotionRequest {
  active?: boolean;
  endsAt?: Date | null;
  /** Never below the uses already taken. @isInt */
  usageLimit?: number | null;
  /** @isInt */
  perCustomerLimit?: number | null;
}

export interface PromotionResponse {
  id: string;
  code: string;
  description: string | null;
  kind: PromotionKind;
  /**
   * Percent for `percentage`, minor units for `fixed`.
   * @isLong
   */
  value: number;
  currency: string | null;
  minSubtotalMinor: MinorUnits | null;
  /** @deprecated Use `minSubtotalMinor`: the same amount, named as in the events. */
  minSubtotalCents: MinorUnits | null;
  /** @isInt */
  usageLimit: number | null;
  /** @isInt */
  perCustomerLimit: number | null;
  startsAt: string | null;
  endsAt: string | null;
  active: boolean;
  /** Uses taken by orders that have not ended unfulfilled.
   * @isInt
   */
  timesUsed: number;
  createdAt: string;
  updatedAt: string;
}

export interface PromotionPageResponse {
  items: PromotionResponse[];
  nextCursor: string | null;
}

export function toPromotionResponse(p: Promotion): PromotionResponse {
  return {
    ...p,
    minSubtotalMinor: p.minSubtotalCents,
    startsAt: p.startsAt?.toISOString() ?? null,
    endsAt: p.endsAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
