import type { Knex } from 'knex';
import type { OutgoingSms, SmsSender } from '../application/message-senders.port';

/** The development SMS transport: "sends" by recording the message in `sms_messages`, once per notification. */
export class RecordedSmsSender implements SmsSender {
  constructor(private readonly db: Knex) {}

  async send(sms: OutgoingSms): Promise<void> {
    await this.db('sms_messages')
      .insert({ notification_id: sms.notificationId, to: sms.to, body: sms.text })
      .onConflict('notification_id')
      .ignore();
  }
}
