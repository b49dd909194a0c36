export type ChannelDto = 'email' | 'sms';
export type NotificationStatusDto = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

export interface NotificationDto {
  /** @format uuid */
  id: string;
  /** @format uuid */
  userId: string;
  channel: ChannelDto;
  /** What the notification is about, e.g. `order-confirmed`. */
  template: string;
  /** The email address or phone number it goes to. */
  recipient: string;
  subject: string;
  status: NotificationStatusDto;
  /** @isInt */
  attempts: number;
  /** Why the last attempt failed, while retrying or once FAILED. */
  lastError: string | null;
  /** @format uuid */
  sourceEventId: string;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  sentAt: string | null;
  /** @format date-time */
  failedAt: string | null;
}

export interface NotificationListDto {
  items: NotificationDto[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface PreferencesDto {
  email: boolean;
  sms: boolean;
}

/** Only the channels given change. */
export interface UpdatePreferencesRequest {
  email?: boolean;
  sms?: boolean;
}

export interface NotificationsPersonalDataResponse {
  /** The contact details notifications keeps (a copy of the profile's). */
  contact: { email: string | null; name: string | null; phone: string | null };
  preferences: PreferencesDto;
  /** Every message, newest first, with its text. */
  notifications: NotificationWithBodyDto[];
}

export interface NotificationWithBodyDto extends NotificationDto {
  /** The message as sent (plain text). */
  bodyText: string;
}
