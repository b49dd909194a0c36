import { OrderStream } from '../../../proto/streams';
import { eraseCustomerDataWhenUserErased as eraseWhenErased } from '../../../src/messaging/customer-data-erasure';
import { eraseCustomerData } from '../application/erase-customer-data';

export const eraseCustomerDataWhenUserErased = eraseWhenErased(OrderStream, 'orders', eraseCustomerData);
