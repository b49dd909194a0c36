import { UserStream } from '../../../proto/streams';
import { onEvent } from '../../../src/messaging/event-handler';
import { fieldsOf } from '../../../src/messaging/event-fields';
import { rememberRole } from '../application/remember-role';

export const updateRecipientWhenUserRoleChanged = onEvent(UserStream, 'userRoleChanged', 'update-recipient-when-user-role-changed', async (trx, event) => {
  const fields = fieldsOf(event);
  await rememberRole(trx, fields.uuid('userId'), fields.text('role'));
});
