import { Body, Controller, Get, Patch, Path, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { Role } from '../../../src/auth/principal';
import { throttleBucket } from '../../../src/http/client-address';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import type { Problem } from '../../../src/http/problem-details';
import { changeUserRole } from '../application/change-user-role';
import { getMyProfile } from '../application/get-my-profile';
import { listUsers } from '../application/list-users';
import { updateMyProfile } from '../application/update-my-profile';
import type { UsersContext } from '../application/users-context';
import { toUserResponse, type ChangeRoleRequest, type UpdateProfileRequest, type UserPageResponse, type UserResponse } from './users.dto';

@Route('users')
@Tags('Users')
@Response<Problem>(401, 'Missing, invalid or expired access token')
export class UsersController extends Controller {
  constructor(private readonly context: UsersContext) {
    super();
  }

  /**
   * The caller's own profile.
   * @summary Read your profile
   */
  @Get('me')
  @Security('jwt')
  public async getMe(@Request() req: AuthenticatedRequest): Promise<UserResponse> {
    return toUserResponse(await getMyProfile(this.context.db, req.user));
  }

  /**
   * Updates the caller's own profile; changing the password requires the current one and signs out every session.
   * @summary Update your profile
   */
  @Patch('me')
  @Security('jwt')
  @Response<Problem>(400, 'Invalid fields, or a wrong or missing currentPassword')
  @Response<Problem>(429, 'USERS.TOO_MANY_ATTEMPTS: too many wrong current passwords')
  public async updateMe(@Request() req: AuthenticatedRequest, @Body() requestBody: UpdateProfileRequest): Promise<UserResponse> {
    const ip = throttleBucket(req);
    return toUserResponse(await updateMyProfile(this.context, req.user, requestBody, ip));
  }

  /**
   * Admins only: every user, newest first.
   * @param limit 1 to 100, default 20
   * @param cursor the `nextCursor` of the previous page
   * @param email case-insensitive part of the email address
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   * @summary List users
   */
  @Get()
  @Security('jwt', ['admin'])
  @Response<Problem>(400, 'Invalid limit or cursor')
  @Response<Problem>(403, 'Not an admin')
  public async listUsers(
    @Request() req: AuthenticatedRequest,
    @Query() limit?: number,
    @Query() cursor?: string,
    @Query() email?: string,
    @Query() role?: Role,
  ): Promise<UserPageResponse> {
    const page = await listUsers(this.context.db, req.user, { limit, cursor, email, role });
    return { items: page.items.map(toUserResponse), nextCursor: page.nextCursor };
  }

  /**
   * Admins only: grants or withdraws the admin role. The last admin cannot give it up.
   * @summary Change a user's role
   */
  @Patch('{id}/role')
  @Security('jwt', ['admin'])
  @Response<Problem>(403, 'Not an admin')
  @Response<Problem>(404, 'USERS.NOT_FOUND')
  @Response<Problem>(409, 'USERS.LAST_ADMIN')
  public async changeRole(@Request() req: AuthenticatedRequest, @Path() id: string, @Body() requestBody: ChangeRoleRequest): Promise<UserResponse> {
    return toUserResponse(await changeUserRole(this.context.db, req.user, id, requestBody.role));
  }
}
