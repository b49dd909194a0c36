import { NotificationStream } from '../../../proto/streams';
import { eraseCustomerDataWhenUserErased as eraseWhenErased } from '../../../src/messaging/customer-data-erasure';
import { eraseRecipients } from '../application/erase-recipients';

export const eraseCustomerDataWhenUserErased = eraseWhenErased(NotificationStream, 'notifications', eraseRecipients);
