import { conflict, DomainError, forbidden, invalid, notFound, unprocessable, type FieldProblem } from '../../../src/errors/domain-error';

export const OrderErrors = {
  notFound: (orderId: string) => notFound('ORDERS.NOT_FOUND', `Order ${orderId} was not found`),
  illegalTransition: (from: string, to: string) =>
    conflict('ORDERS.ILLEGAL_TRANSITION', `An order cannot go from ${from} to ${to}`, { from, to }),
  unknownProducts: (productIds: string[]) =>
    unprocessable('ORDERS.UNKNOWN_PRODUCT', `Unknown products: ${productIds.join(', ')}`, { productIds }),
  productsUnavailable: (productIds: string[]) =>
    unprocessable('ORDERS.PRODUCT_UNAVAILABLE', `Products no longer available: ${productIds.join(', ')}`, { productIds }),
  variantRequired: (choices: Array<{ productId: string; variantIds: string[] }>) =>
    unprocessable(
      'ORDERS.VARIANT_REQUIRED',
      `Name the variant to buy: ${choices.map((c) => `product ${c.productId} has ${c.variantIds.length} variants`).join('; ')}`,
      { choices },
    ),
  itemTargetRequired: (fields: FieldProblem[]) => invalid('ORDERS.ITEM_TARGET_REQUIRED', 'Each item names a variantId (or the productId of a product with one variant)', fields),
  invalidShipping: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_SHIPPING', 'The shipping zone or option is invalid', fields),
  invalidTax: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_TAX', 'The tax region is invalid', fields),
  shippingZoneNotFound: (id: string) => notFound('ORDERS.SHIPPING_ZONE_NOT_FOUND', `No shipping zone ${id}`),
  shippingOptionNotFound: (id: string) => notFound('ORDERS.SHIPPING_OPTION_NOT_FOUND', `No shipping option ${id}`),
  taxRegionNotFound: (id: string) => notFound('ORDERS.TAX_REGION_NOT_FOUND', `No tax region ${id}`),
  taxRegionExists: (country: string, region: string | null) =>
    conflict('ORDERS.TAX_REGION_EXISTS', `${region ? `${country}-${region}` : country} has a tax region already; change it instead`, { country, region }),
  addressNotServed: (country: string, postalCode: string) =>
    unprocessable('ORDERS.ADDRESS_NOT_SERVED', `No shipping option delivers to ${country} ${postalCode}`, { country, postalCode }),
  shippingOptionRequired: (options: Array<{ id: string; name: string; priceMinor: number }>) =>
    unprocessable('ORDERS.SHIPPING_OPTION_REQUIRED', 'Choose a shipping option (shippingOptionId): these deliver to the address', { options }),
  shippingOptionUnavailable: (id: string, why: string) =>
    unprocessable('ORDERS.SHIPPING_OPTION_UNAVAILABLE', `Shipping option ${id} cannot ship this order: ${why}`, { shippingOptionId: id, reason: why }),
  taxRateMissing: (taxClass: string, country: string) =>
    unprocessable('ORDERS.TAX_RATE_MISSING', `No ${taxClass} tax rate is set for ${country}: the order cannot be priced`, { taxClass, country }),
  totalChanged: (expected: number, totals: Record<string, unknown>) =>
    conflict('ORDERS.TOTAL_CHANGED', `The total is no longer ${expected}: review the new totals and confirm`, { expectedTotalMinor: expected, totals }),
  invalidQuantities: (min: number, max: number, fields: FieldProblem[]) =>
    invalid('ORDERS.INVALID_QUANTITY', `Quantities must be whole numbers from ${min} to ${max}`, fields),
  duplicateProductLines: (productIds: string[], fields: FieldProblem[]) =>
    invalid('ORDERS.DUPLICATE_PRODUCT_LINE', `Each variant may appear in one line only; repeated: ${productIds.join(', ')}`, fields),
  mixedCurrencies: (currencies: string[]) =>
    unprocessable('ORDERS.MIXED_CURRENCIES', `All products of one order must share a currency, got ${currencies.join(', ')}`, {
      currencies,
    }),
  totalTooLarge: () => unprocessable('ORDERS.TOTAL_TOO_LARGE', 'The order total is too large to be charged'),
  trackingNumberRequired: () =>
    invalid('ORDERS.TRACKING_NUMBER_REQUIRED', 'A tracking number is required', [{ field: 'trackingNumber', message: 'must not be blank' }]),
  invalidCursor: () =>
    invalid('ORDERS.INVALID_CURSOR', 'The cursor is not one this API returned', [{ field: 'cursor', message: 'is malformed' }]),
  invalidFilter: (message: string, fields: FieldProblem[]) => invalid('ORDERS.INVALID_FILTER', message, fields),
  shippingAddressRequired: () =>
    unprocessable('ORDERS.SHIPPING_ADDRESS_REQUIRED', 'Name a shipping address, or set a default one in your profile', {
      fields: [{ field: 'shippingAddress', message: 'required: the profile has no default shipping address' }],
    }),
  placingTooFast: (retryAfterSeconds: number) =>
    new DomainError('ORDERS.TOO_MANY_ORDERS', 'rate_limited', 'Orders are being placed too fast from this account; try again later', {
      retryAfterSeconds,
    }),
  tooManyUnpaidOrders: (max: number) =>
    conflict('ORDERS.TOO_MANY_UNPAID_ORDERS', `An account may hold ${max} unpaid orders at once: pay or cancel one first`, { max }),
  tooManyUnpaidUnits: (max: number, held: number) =>
    conflict('ORDERS.TOO_MANY_UNPAID_UNITS', `Unpaid orders of an account may hold ${max} units together (${held} held now): pay or cancel one first`, {
      max,
      held,
    }),
  cartEmpty: () => unprocessable('ORDERS.CART_EMPTY', 'The cart is empty: put something in it before checking out'),
  cartLinesUnavailable: (lines: { variantId: string; productId: string; problem: string }[]) =>
    new DomainError(
      'ORDERS.CART_LINES_UNAVAILABLE',
      'conflict',
      `These variants cannot be bought as the cart asks: ${lines.map((l) => `${l.variantId} (${l.problem.replace(/_/g, ' ')})`).join(', ')}`,
      {
        fields: lines.map((l) => ({ field: `lines.${l.variantId}`, message: l.problem })),
        variantIds: lines.map((l) => l.variantId),
        productIds: lines.map((l) => l.productId),
      },
    ),
  invalidPromotion: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_PROMOTION', 'The promotion is invalid', fields),
  promotionCodeTaken: (code: string) => conflict('ORDERS.PROMOTION_CODE_TAKEN', `Another promotion already has the code ${code}`, { promotionCode: code }),
  promotionNotFound: () => notFound('ORDERS.PROMOTION_NOT_FOUND', 'No such promotion'),
  promotionLimitBelowUses: (timesUsed: number) =>
    conflict('ORDERS.PROMOTION_LIMIT_BELOW_USES', `The usage limit cannot be below the ${timesUsed} uses already taken`, { timesUsed }),
  /**
   * Unknown, switched off, not started or ended: one answer for all, so that trying codes tells nobody which exist
   * (admins read a promotion's state in the promotions API).
   */
  promotionNotValid: (code: string) => unprocessable('ORDERS.PROMOTION_NOT_VALID', `The promotion code ${code} is not valid`, { promotionCode: code }),
  tooManyPromotionAttempts: (retryAfterSeconds: number) =>
    new DomainError('ORDERS.TOO_MANY_PROMOTION_ATTEMPTS', 'rate_limited', 'Too many promotion codes tried from this account; try again later', {
      retryAfterSeconds,
    }),
  promotionWrongCurrency: (code: string, currency: string) =>
    unprocessable('ORDERS.PROMOTION_WRONG_CURRENCY', `The promotion code ${code} applies to orders in ${currency} only`, { promotionCode: code, currency }),
  promotionBelowMinimum: (code: string, minSubtotalCents: number) =>
    unprocessable('ORDERS.PROMOTION_BELOW_MINIMUM', `The promotion code ${code} needs a subtotal of at least ${minSubtotalCents}`, {
      promotionCode: code,
      minSubtotalCents,
    }),
  promotionExhausted: (code: string) => conflict('ORDERS.PROMOTION_EXHAUSTED', `The promotion code ${code} has been used up`, { promotionCode: code }),
  promotionUsedByCustomer: (code: string) =>
    conflict('ORDERS.PROMOTION_USED_BY_CUSTOMER', `You have already used the promotion code ${code} as often as it allows`, { promotionCode: code }),
  notFulfillable: (orderId: string, status: string) =>
    conflict('ORDERS.NOT_FULFILLABLE', `Order ${orderId} is ${status}: only a paid order's units can be fulfilled`, { status }),
  invalidFulfilment: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_FULFILMENT', 'The fulfilment is invalid', fields),
  fulfilmentExceedsOrder: (lines: Array<{ variantId: string; requested: number; unfulfilled: number }>) =>
    conflict(
      'ORDERS.FULFILMENT_EXCEEDS_ORDER',
      `More units than remain unfulfilled: ${lines.map((l) => `${l.variantId} (${l.requested} asked, ${l.unfulfilled} left)`).join(', ')}`,
      { lines },
    ),
  locationShort: (locationId: string, lines: Array<{ variantId: string; needed: number; available: number }>) =>
    conflict(
      'ORDERS.LOCATION_SHORT',
      `Location ${locationId} neither holds these units for the order nor has them available: ${lines.map((l) => `${l.variantId} (${l.needed} needed, ${l.available} available)`).join(', ')}`,
      { locationId, lines },
    ),
  fulfilmentNotFound: (id: string) => notFound('ORDERS.FULFILMENT_NOT_FOUND', `Fulfilment ${id} was not found`),
  fulfilmentNotPending: (id: string, status: string) =>
    conflict('ORDERS.FULFILMENT_NOT_PENDING', `Fulfilment ${id} is ${status}: only a pending fulfilment can ship or be cancelled`, { status }),
  fulfilmentStockMoving: (id: string) =>
    conflict('ORDERS.FULFILMENT_STOCK_MOVING', `Fulfilment ${id} waits for inventory to hold its units at its location; try again shortly`),
  fulfilmentNotShipped: (id: string, status: string) =>
    conflict('ORDERS.FULFILMENT_NOT_SHIPPED', `Fulfilment ${id} is ${status}: only a shipped fulfilment can be delivered`, { status }),
  nothingToShip: (orderId: string) => conflict('ORDERS.NOTHING_TO_SHIP', `Order ${orderId} has no unshipped units`),
  notAllShipped: (orderId: string) => conflict('ORDERS.NOT_ALL_SHIPPED', `Order ${orderId} still has unshipped units: deliver its fulfilments one by one`),
  returnNotFound: (id: string) => notFound('ORDERS.RETURN_NOT_FOUND', `Return ${id} was not found`),
  invalidReturn: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_RETURN', 'The return is invalid', fields),
  returnExceedsDelivered: (lines: Array<{ variantId: string; requested: number; returnable: number }>) =>
    conflict(
      'ORDERS.RETURN_EXCEEDS_DELIVERED',
      `More units than were delivered and not yet returned: ${lines.map((l) => `${l.variantId} (${l.requested} asked, ${l.returnable} returnable)`).join(', ')}`,
      { lines },
    ),
  returnWindowClosed: (days: number) =>
    conflict('ORDERS.RETURN_WINDOW_CLOSED', `Units can be returned within ${days} days of their delivery`, { returnWindowDays: days }),
  returnNotInStatus: (id: string, status: string, action: string) =>
    conflict('ORDERS.RETURN_STATUS', `Return ${id} is ${status}: it cannot be ${action}`, { status }),
  invalidReceipt: (fields: FieldProblem[]) => invalid('ORDERS.INVALID_RECEIPT', 'The receipt is invalid', fields),
  emailNotVerified: () =>
    forbidden('ORDERS.EMAIL_NOT_VERIFIED', 'Verify your email address before placing orders: follow the link mailed at registration'),
  forbiddenFilter: () => forbidden('ORDERS.FORBIDDEN_FILTER', 'Customers may list only their own orders'),
};
