import { Body, Controller, Delete, Get, Patch, Path, Post, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Role } from '../../../src/auth/principal';
import { throttleBucket } from '../../../src/http/client-address';
import type { AuthenticatedRequest } from '../../../src/http/authentication';
import type { Problem } from '../../../src/http/problem-details';
import { changeUserRole } from '../application/change-user-role';
import { eraseMyAccount, eraseUserAsAdmin, getErasure } from '../application/erase-user';
import { exportMyData } from '../application/export-my-data';
import type { PersonalDataSources } from '../application/personal-data-sources.port';
import { getMyProfile } from '../application/get-my-profile';
import { listUsers } from '../application/list-users';
import { updateMyProfile } from '../application/update-my-profile';
import type { UsersContext } from '../application/users-context';
import {
  toErasureResponse,
  toPersonalDataExportResponse,
  toUserResponse,
  type ChangeRoleRequest,
  type EraseAccountRequest,
  type ErasureResponse,
  type PersonalDataExportResponse,
  type UpdateProfileRequest,
  type UserPageResponse,
  type UserResponse,
} from './users.dto';

@Route('users')
@Tags('Users')
@Response<Problem>(401, 'Missing, invalid or expired access token')
export class UsersController extends Controller {
  constructor(
    private readonly context: UsersContext,
    private readonly sources: PersonalDataSources,
  ) {
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
   * Everything Mart holds about the caller, as one JSON document: the profile and sessions from the users module,
   * and the answers of every other module holding personal data (orders with the cart, payments, notifications),
   * each asked as the caller. At most EXPORTS_PER_HOUR (5) an hour.
   * @summary Export your personal data
   */
  @Get('me/export')
  @Security('jwt')
  @Tags('Personal data')
  @Response<Problem>(429, 'USERS.TOO_MANY_REQUESTS: too many exports this hour, with Retry-After')
  @Response<Problem>(503, 'USERS.EXPORT_UNAVAILABLE: a module did not answer, with Retry-After')
  public async exportMe(@Request() req: AuthenticatedRequest): Promise<PersonalDataExportResponse> {
    const exported = await exportMyData(this.context, this.sources, req.user, req.headers.authorization ?? '');
    this.setHeader('Cache-Control', 'no-store');
    this.setHeader('Content-Disposition', 'attachment; filename="mart-personal-data.json"');
    return toPersonalDataExportResponse(exported);
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
    return toUserResponse(await changeUserRole(this.context, req.user, id, requestBody.role));
  }

  /**
   * Closes the caller's account for good (the current password confirms it). The account is anonymised at once and
   * every session ends; every other module then erases or anonymises what it holds about the caller (orders are kept
   * for accounting, without personal fields). A wrong password counts like a failed sign-in.
   * @summary Close your account
   */
  @Delete('me')
  @Security('jwt')
  @SuccessResponse(202, 'Erased here; the other modules follow')
  @Response<Problem>(400, 'USERS.CURRENT_PASSWORD_INCORRECT, or no password')
  @Response<Problem>(429, 'USERS.TOO_MANY_ATTEMPTS: too many wrong passwords')
  public async eraseMe(@Request() req: AuthenticatedRequest, @Body() requestBody: EraseAccountRequest): Promise<ErasureResponse> {
    const erasure = await eraseMyAccount(this.context, req.user, requestBody.password, throttleBucket(req));
    this.setStatus(202);
    return toErasureResponse(erasure);
  }

  /**
   * Admins only: erases a customer's account as `DELETE /users/me` does (for a request that reached the shop
   * another way). Asking again changes nothing and answers the erasure's progress.
   * @summary Erase a customer's account
   */
  @Post('{id}/erasure')
  @Security('jwt', ['admin'])
  @SuccessResponse(202, 'Erased here; the other modules follow')
  @Response<Problem>(403, 'Not an admin')
  @Response<Problem>(404, 'USERS.NOT_FOUND')
  @Response<Problem>(409, 'USERS.ADMIN_ERASURE: an admin account; change its role first')
  public async eraseUser(@Request() req: AuthenticatedRequest, @Path() id: string): Promise<ErasureResponse> {
    const erasure = await eraseUserAsAdmin(this.context, req.user, id);
    this.setStatus(202);
    return toErasureResponse(erasure);
  }

  /**
   * Admins only: an erasure's progress, module by module (each records when it erased what it held).
   * @summary Read an erasure's progress
   */
  @Get('{id}/erasure')
  @Security('jwt', ['admin'])
  @Response<Problem>(403, 'Not an admin')
  @Response<Problem>(404, 'USERS.ERASURE_NOT_FOUND')
  public async getErasure(@Request() req: AuthenticatedRequest, @Path() id: string): Promise<ErasureResponse> {
    return toErasureResponse(await getErasure(this.context, req.user, id));
  }
}
