import type { Money } from '../../../../src/money/money';

export interface OrderLineSummary {
  /** The variant's option values (Size: M), shown after the name; none for a product without options. */
  options?: Array<{ option: string; value: string }>;
  name: string;
  quantity: number;
  lineTotal: Money;
}

/** Units of a line in a parcel or a return. */
export interface ParcelItem {
  name: string;
  options?: Array<{ option: string; value: string }>;
  quantity: number;
}

/** What to tell a user, as plain JSON: stored as-is while the recipient is not known yet, rendered later. */
export type TemplateMessage =
  | { template: 'welcome'; data: Record<string, never> }
  | { template: 'order-awaiting-payment'; data: { orderId: string; total: Money; paymentDueAt: string } }
  | {
      template: 'order-confirmed';
      data: {
        orderId: string;
        total: Money;
        lines: OrderLineSummary[];
        discount?: { amount: Money; promotionCode: string };
        shipping?: { name: string; amount: Money };
        /** Added to the total, or contained in the prices (`included`). */
        tax?: { amount: Money; included: boolean };
      };
    }
  | { template: 'order-rejected'; data: { orderId: string; reason: string } }
  | { template: 'order-shipped'; data: { orderId: string; trackingNumber: string } }
  | {
      template: 'parcel-shipped';
      data: { orderId: string; carrier: string; trackingNumber: string; trackingUrl?: string; items: ParcelItem[] };
    }
  | { template: 'parcel-delivered'; data: { orderId: string; items: ParcelItem[] } }
  | {
      template: 'return-update';
      data: { orderId: string; returnId: string; status: 'REQUESTED' | 'APPROVED' | 'DECLINED' | 'RECEIVED'; items: ParcelItem[]; reason?: string; refund?: Money };
    }
  | { template: 'order-cancelled'; data: { orderId: string; reason: string; refundRequired: boolean } }
  | { template: 'payment-failed'; data: { orderId: string; amount: Money; reason: string } }
  | { template: 'payment-refunded'; data: { orderId: string; amount: Money; totalRefunded: Money; reason: string } }
  | { template: 'cart-reminder'; data: { cartId: string; lines: OrderLineSummary[]; subtotal: Money } }
  | { template: 'webhook-endpoint-disabled'; data: { endpointId: string; url: string; reason: string } }
  | { template: 'verify-email'; data: { link: string; validHours: number } }
  | { template: 'registration-attempted'; data: { resetLink: string } }
  | { template: 'password-reset'; data: { link: string; validMinutes: number } }
  | { template: 'password-changed'; data: { how: 'reset' | 'profile'; resetLink: string } };

export type TemplateName = TemplateMessage['template'];

export type MessageOf<T extends TemplateName> = Extract<TemplateMessage, { template: T }>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** A short single-line form for SMS. */
  sms: string;
}

/** Who the message greets; names come from users and are escaped in HTML like every other value. */
export interface Addressee {
  name: string | null;
}

/** A line as people read it: the product's name, then its variant's option values ("T-shirt (Size: M, Colour: Red)"). */
export function lineLabel(line: Pick<OrderLineSummary, 'name' | 'options'>): string {
  const options = (line.options ?? []).map(({ option, value }) => `${option}: ${value}`).join(', ');
  return options ? `${line.name} (${options})` : line.name;
}
