import type { mart } from '../../../proto/streams';
import type { EventFields } from '../../../src/messaging/event-fields';
import type { ParcelItem } from '../domain/templates/template-message';

/** The units an event names, as the message lists them. */
export function parcelItem(item: EventFields<mart.orders.v1.IItemQuantity>): ParcelItem {
  return { name: item.text('name'), options: item.list('options', (o) => ({ option: o.text('option'), value: o.text('value') })), quantity: item.count('quantity') };
}
