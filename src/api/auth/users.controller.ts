import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { DomainException } from '../common/domain.exception';
import { pageOf, PageQueryDto } from '../common/page.dto';
import { ErrorBody } from '../common/error-body';
import { AssignRoleDto, CreateUserDto, EndRoleDto, RefuseGrantDto, RoleGrantView, UpdateUserDto, UserView } from './auth.dto';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.USER_NOT_FOUND, 'not a user or assignment id (UUID expected)'),
});

/** Accounts and their dated roles, managed by admins; every change is in the audit chain. */
@ApiTags('users')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBody })
@ApiResponse({ status: 403, type: ErrorBody, description: 'FORBIDDEN_ACTOR: admins only (auditors may read)' })
@AllowRoles(Role.ADMIN)
@Controller({ path: 'admin/users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({ summary: 'Danh sách tài khoản và vai trò (quản trị, kiểm tra)' })
  @ApiOkResponse({ type: [UserView] })
  list(@Query() query: PageQueryDto): Promise<UserView[]> {
    return this.users.list(pageOf(query));
  }

  @Get(':userId')
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({ summary: 'Một tài khoản và các vai trò theo thời gian (quản trị, kiểm tra)' })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'USER_NOT_FOUND' })
  get(@Param('userId', uuid) userId: string): Promise<UserView> {
    return this.users.get(userId);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo tài khoản (quản trị)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'USER_EXISTS' })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'WEAK_PASSWORD' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Sửa họ tên, khóa/mở tài khoản, đặt lại mật khẩu, xóa thời gian chờ sau đăng nhập sai (quản trị)' })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'USER_NOT_FOUND' })
  update(@CurrentActor() actor: Actor, @Param('userId', uuid) userId: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, userId, dto);
  }

  @Post(':userId/roles')
  @ApiOperation({
    summary:
      'Giao vai trò có phạm vi (tỉnh, đơn vị) và thời hạn (quản trị); vai trò quyết định và quản trị chỉ là đề xuất, chờ quản trị viên khác phê duyệt',
  })
  @ApiResponse({ status: 422, type: ErrorBody, description: 'GRANT_IN_THE_PAST: validFrom before today (Vietnam time)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'USER_NOT_FOUND, UNIT_NOT_FOUND or PROVINCE_NOT_FOUND' })
  assign(@CurrentActor() actor: Actor, @Param('userId', uuid) userId: string, @Body() dto: AssignRoleDto): Promise<UserView> {
    return this.users.assignRole(actor, userId, dto);
  }

  @Post(':userId/roles/:assignmentId/end')
  @ApiOperation({ summary: 'Kết thúc một vai trò từ một thời điểm, có lý do (quản trị); không xóa lịch sử' })
  @ApiCreatedResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'USER_NOT_FOUND or ROLE_ASSIGNMENT_NOT_FOUND' })
  end(
    @CurrentActor() actor: Actor,
    @Param('userId', uuid) userId: string,
    @Param('assignmentId', uuid) assignmentId: string,
    @Body() dto: EndRoleDto,
  ): Promise<UserView> {
    return this.users.endRole(actor, userId, assignmentId, dto);
  }
}

const grantId = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.ROLE_GRANT_NOT_FOUND, 'not a grant id (UUID expected)'),
});

/** Two-person grants of deciding roles (and ADMIN): proposed by one admin, in force only once another approves. */
@ApiTags('users')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBody })
@ApiResponse({ status: 403, type: ErrorBody, description: 'FORBIDDEN_ACTOR: admins only (auditors may read)' })
@AllowRoles(Role.ADMIN)
@Controller({ path: 'admin/role-grants', version: '1' })
export class RoleGrantsController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({ summary: 'Các đề xuất giao vai trò (mặc định: đang chờ phê duyệt)' })
  @ApiOkResponse({ type: [RoleGrantView] })
  list(@Query('status') status?: string): Promise<RoleGrantView[]> {
    const wanted = status ?? 'PENDING';
    if (!['PENDING', 'APPROVED', 'REFUSED', 'ALL'].includes(wanted)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'status: PENDING, APPROVED, REFUSED or ALL');
    }
    return this.users.listGrants(wanted === 'ALL' ? undefined : (wanted as RoleGrantView['status']));
  }

  @Post(':grantId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Phê duyệt đề xuất giao vai trò (quản trị viên khác người đề xuất và người được giao)' })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 403, type: ErrorBody, description: 'GRANT_SELF_APPROVAL: own proposal, or a grant to oneself' })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'ROLE_GRANT_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'ROLE_GRANT_NOT_PENDING' })
  approve(@CurrentActor() actor: Actor, @Param('grantId', grantId) id: string): Promise<UserView> {
    return this.users.approveGrant(actor, id);
  }

  @Post(':grantId/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Không phê duyệt (hoặc rút) đề xuất giao vai trò, có lý do' })
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'ROLE_GRANT_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'ROLE_GRANT_NOT_PENDING' })
  refuse(@CurrentActor() actor: Actor, @Param('grantId', grantId) id: string, @Body() dto: RefuseGrantDto): Promise<UserView> {
    return this.users.refuseGrant(actor, id, dto.reason);
  }
}
