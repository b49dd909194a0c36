import { Body, Controller, Get, Patch, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import type { Problem } from '../../../src/http/problem-details';
import { getPreferences } from '../application/get-preferences';
import { listNotifications } from '../application/list-notifications';
import { updatePreferences } from '../application/update-preferences';
import type { Notification } from '../domain/notification';
import type { NotificationDto, NotificationListDto, NotificationsPersonalDataResponse, PreferencesDto, UpdatePreferencesRequest } from './notification.dto';
import { exportRecipientData } from '../application/export-recipient-data';

@Route('notifications')
@Tags('Notifications')
export class NotificationsController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * The caller's notifications, newest first. Admins may pass `userId` to see another user's;
   * customers get 403 for anyone but themselves.
   * @param limit Page size, 1 to 100 (default 20).
   * @param cursor `nextCursor` of the previous page.
   * @summary List notifications
   */
  @Get()
  @Security('jwt')
  @Response<Problem>(400, 'Invalid limit, cursor or userId')
  @Response<Problem>(401, 'No valid access token')
  public async list(
    @Request() req: AuthenticatedRequest,
    @Query() userId?: string,
    @Query() limit?: number,
    @Query() cursor?: string,
  ): Promise<NotificationListDto> {
    const page = await listNotifications(this.db, req.user, { userId, limit, cursor });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  /**
   * Everything the notifications module holds about the caller: the contact details it sends to, the preferences,
   * and every message with its body. Part of the caller's personal-data export (`GET /users/me/export`).
   * @summary Export your notifications data
   */
  @Get('personal-data')
  @Tags('Personal data')
  @Security('jwt')
  @Response<Problem>(401, 'No valid access token')
  public async personalData(@Request() req: AuthenticatedRequest): Promise<NotificationsPersonalDataResponse> {
    const data = await exportRecipientData(this.db, req.user.userId);
    return { ...data, notifications: data.notifications.map((n) => ({ ...toDto(n), bodyText: n.bodyText })) };
  }

  /**
   * The channels the caller is notified on (email on and SMS off unless changed).
   * @summary Read your notification preferences
   */
  @Get('preferences')
  @Security('jwt')
  @Response<Problem>(401, 'No valid access token')
  public async preferences(@Request() req: AuthenticatedRequest): Promise<PreferencesDto> {
    return getPreferences(this.db, req.user.userId);
  }

  /**
   * Turns channels on or off for the caller's future notifications. SMS needs a phone number on the profile.
   * @summary Change your notification preferences
   */
  @Patch('preferences')
  @Security('jwt')
  @Response<Problem>(400, 'Invalid preferences, or SMS without a phone number')
  @Response<Problem>(401, 'No valid access token')
  public async updatePreferences(@Request() req: AuthenticatedRequest, @Body() body: UpdatePreferencesRequest): Promise<PreferencesDto> {
    return updatePreferences(this.db, req.user.userId, body);
  }
}

function toDto(n: Notification): NotificationDto {
  return {
    id: n.id,
    userId: n.userId,
    channel: n.channel,
    template: n.template,
    recipient: n.recipient,
    subject: n.subject,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    sourceEventId: n.sourceEventId,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    failedAt: n.failedAt?.toISOString() ?? null,
  };
}
