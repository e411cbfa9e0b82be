import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { provinceOf, readScopeOf } from '../../domain/read-scope';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { DomainException } from '../common/domain.exception';
import { pageOf, PageQueryDto } from '../common/page.dto';
import { Documented } from '../common/documented';
import { notFound } from '../common/read-scope.service';
import { AssignRoleDto, CreateUserDto, EndRoleDto, RefuseGrantDto, RoleGrantView, UpdateUserDto, UserView } from './auth.dto';
import { UsersService } from './users.service';

const ADMINS = 'admins only (auditors may read)';
const GRANT_STATUSES = ['PENDING', 'APPROVED', 'REFUSED', 'ALL'];

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.USER_NOT_FOUND, 'not a user or assignment id (UUID expected)'),
});

/** Accounts and their dated roles, managed by admins; every change is in the audit chain. */
@ApiTags('users')
@ApiBearerAuth()
@AllowRoles(Role.ADMIN)
@Controller({ path: 'admin/users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @Documented('Danh sách tài khoản và vai trò (quản trị, kiểm tra)', { ok: { type: [UserView] }, forbidden: ADMINS })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<UserView[]> {
    const province = provinceOf(readScopeOf(actor));
    if (province === null) return Promise.resolve([]);
    return this.users.list(pageOf(query), province);
  }

  @Get(':userId')
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @Documented('Một tài khoản và các vai trò theo thời gian (quản trị, kiểm tra)', {
    ok: { type: UserView },
    forbidden: ADMINS,
    notFound: 'USER_NOT_FOUND (also for an id that is not a UUID)',
  })
  async get(@CurrentActor() actor: Actor, @Param('userId', uuid) userId: string): Promise<UserView> {
    // An admin or auditor of one province reads the accounts of that province's people only.
    const province = provinceOf(readScopeOf(actor));
    if (province === null || (province !== undefined && !(await this.users.inProvince(userId, province)))) {
      throw notFound.user(userId);
    }
    return this.users.get(userId);
  }

  @Post()
  @Documented('Tạo tài khoản (quản trị)', {
    ok: { type: UserView, status: 201 },
    body: true,
    forbidden: ADMINS,
    conflict: 'USER_EXISTS',
    unprocessable: 'WEAK_PASSWORD',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Patch(':userId')
  @Documented('Sửa họ tên, khóa/mở tài khoản, đặt lại mật khẩu, xóa thời gian chờ sau đăng nhập sai (quản trị)', {
    ok: { type: UserView },
    body: true,
    forbidden: ADMINS,
    notFound: 'USER_NOT_FOUND',
    unprocessable: 'WEAK_PASSWORD (a new password)',
  })
  update(@CurrentActor() actor: Actor, @Param('userId', uuid) userId: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, userId, dto);
  }

  @Post(':userId/roles')
  @Documented(
    'Giao vai trò có phạm vi (tỉnh, đơn vị) và thời hạn (quản trị); vai trò quyết định và quản trị chỉ là đề xuất, chờ quản trị viên khác phê duyệt',
    {
      ok: { type: UserView, status: 201 },
      body: true,
      forbidden: ADMINS,
      notFound: 'USER_NOT_FOUND, UNIT_NOT_FOUND or PROVINCE_NOT_FOUND',
      unprocessable: 'GRANT_IN_THE_PAST: validFrom before today (Vietnam time)',
    },
  )
  assign(@CurrentActor() actor: Actor, @Param('userId', uuid) userId: string, @Body() dto: AssignRoleDto): Promise<UserView> {
    return this.users.assignRole(actor, userId, dto);
  }

  @Post(':userId/roles/:assignmentId/end')
  @Documented('Kết thúc một vai trò từ một thời điểm, có lý do (quản trị); không xóa lịch sử', {
    ok: { type: UserView, status: 201 },
    body: true,
    forbidden: ADMINS,
    notFound: 'USER_NOT_FOUND or ROLE_ASSIGNMENT_NOT_FOUND',
  })
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
@AllowRoles(Role.ADMIN)
@Controller({ path: 'admin/role-grants', version: '1' })
export class RoleGrantsController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @Documented('Các đề xuất giao vai trò (mặc định: đang chờ phê duyệt)', { ok: { type: [RoleGrantView] }, forbidden: ADMINS })
  @ApiQuery({ name: 'status', required: false, enum: GRANT_STATUSES })
  list(@CurrentActor() actor: Actor, @Query('status') status?: string): Promise<RoleGrantView[]> {
    const wanted = status ?? 'PENDING';
    if (!GRANT_STATUSES.includes(wanted)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'status: PENDING, APPROVED, REFUSED or ALL');
    }
    const province = provinceOf(readScopeOf(actor));
    if (province === null) return Promise.resolve([]);
    return this.users.listGrants(wanted === 'ALL' ? undefined : (wanted as RoleGrantView['status']), province);
  }

  @Post(':grantId/approve')
  @HttpCode(200)
  @Documented('Phê duyệt đề xuất giao vai trò (quản trị viên khác người đề xuất và người được giao)', {
    ok: { type: UserView },
    forbidden: `${ADMINS}; GRANT_SELF_APPROVAL: own proposal, or a grant to oneself`,
    notFound: 'ROLE_GRANT_NOT_FOUND (also for an id that is not a UUID)',
    conflict: 'ROLE_GRANT_NOT_PENDING',
  })
  approve(@CurrentActor() actor: Actor, @Param('grantId', grantId) id: string): Promise<UserView> {
    return this.users.approveGrant(actor, id);
  }

  @Post(':grantId/refuse')
  @HttpCode(200)
  @Documented('Không phê duyệt (hoặc rút) đề xuất giao vai trò, có lý do', {
    ok: { type: UserView },
    body: true,
    forbidden: ADMINS,
    notFound: 'ROLE_GRANT_NOT_FOUND (also for an id that is not a UUID)',
    conflict: 'ROLE_GRANT_NOT_PENDING',
  })
  refuse(@CurrentActor() actor: Actor, @Param('grantId', grantId) id: string, @Body() dto: RefuseGrantDto): Promise<UserView> {
    return this.users.refuseGrant(actor, id, dto.reason);
  }
}
