/** A refund is PENDING from the moment it is owed until the provider has given the money back. */
export type RefundStatus = 'PENDING' | 'SUCCEEDED';
