import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { DomainException } from '../common/domain.exception';
import { pageOf } from '../common/page.dto';
import { OrganisationService } from './organisation.service';
import {
  BlocQueryDto,
  OrgBlocView,
  CreateBlocDto,
  CreateMembershipDto,
  CreateProvinceDto,
  CreateUnitDto,
  EndBlocDto,
  EndMembershipDto,
  EndUnitDto,
  LeadershipDto,
  OrgLeadershipView,
  MembershipQueryDto,
  OrgMembershipView,
  OrgPagedBlocs,
  OrgPagedMemberships,
  OrgPagedProvinces,
  OrgPagedUnits,
  OrgProvinceView,
  SearchQueryDto,
  SuccessionDto,
  UnitQueryDto,
  OrgUnitView,
  UpdateBlocDto,
  UpdateProvinceDto,
  UpdateUnitDto,
} from './organisation.views';

const WRITERS = [Role.ADMIN, Role.BOARD_HEAD];
const WRITE_FORBIDDEN = 'only the admin of the province (or a system admin) and the head of its board write its organisation';
const INVALID = 'ORGANISATION_INVALID: `problems` lists each bad field with a Vietnamese message';
const PROVINCE = 'PROVINCE_NOT_FOUND (also a province outside the caller’s scope)';
const BLOC = `${PROVINCE}; BLOC_NOT_FOUND`;
const UNIT = `${PROVINCE}; UNIT_NOT_FOUND`;

const membershipId = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.MEMBERSHIP_NOT_FOUND, 'not a membership id (UUID expected)'),
});

/**
 * The organisation of a province as dated master data: the province, its blocs and clusters, its units, who is a
 * member of which bloc on which day, and the first leadership of a bloc. Read within the caller's province (other
 * provinces answer 404); written by its admin and the head of its board, each write in the audit chain. Nothing a
 * cycle, nomination or award refers to is deleted: it ends.
 */
@ApiTags('organisation')
@Controller({ path: 'provinces', version: '1' })
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @Documented('Danh sách tỉnh (trong phạm vi người dùng), tìm theo mã hoặc tên, có phân trang', {
    ok: { type: OrgPagedProvinces },
  })
  listProvinces(@Query() query: SearchQueryDto, @CurrentActor() actor: Actor): Promise<OrgPagedProvinces> {
    return this.organisation.read((m) => this.organisation.listProvinces(m, actor, { q: query.q }, pageOf(query)));
  }

  @Post()
  @AllowRoles(Role.ADMIN)
  @Documented('Tạo tỉnh mới (quản trị hệ thống)', {
    ok: { type: OrgProvinceView, status: 201 },
    body: true,
    forbidden: 'system admins only (ADMIN without a province)',
    conflict: 'PROVINCE_EXISTS',
    unprocessable: INVALID,
  })
  createProvince(@Body() body: CreateProvinceDto, @CurrentActor() actor: Actor): Promise<OrgProvinceView> {
    return this.organisation.transaction((m) => this.organisation.createProvince(m, actor, body));
  }

  @Get(':provinceCode')
  @Documented('Thông tin một tỉnh', { ok: { type: OrgProvinceView }, notFound: PROVINCE })
  getProvince(@Param('provinceCode') code: string, @CurrentActor() actor: Actor): Promise<OrgProvinceView> {
    return this.organisation.read((m) => this.organisation.getProvince(m, actor, code));
  }

  @Patch(':provinceCode')
  @AllowRoles(...WRITERS)
  @Documented('Sửa tên, ngày bắt đầu của tỉnh', {
    ok: { type: OrgProvinceView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: PROVINCE,
    unprocessable: INVALID,
  })
  updateProvince(@Param('provinceCode') code: string, @Body() body: UpdateProvinceDto, @CurrentActor() actor: Actor) {
    return this.organisation.transaction((m) => this.organisation.updateProvince(m, actor, code, body));
  }

  @Post(':provinceCode/succession')
  @HttpCode(200)
  @AllowRoles(Role.ADMIN)
  @Documented('Tỉnh kết thúc và được tỉnh khác kế thừa từ một ngày (sáp nhập tỉnh) (quản trị hệ thống)', {
    ok: { type: OrgProvinceView },
    body: true,
    forbidden: 'system admins only',
    notFound: PROVINCE,
    conflict: 'ALREADY_ENDED',
    unprocessable: INVALID,
  })
  succeedProvince(@Param('provinceCode') code: string, @Body() body: SuccessionDto, @CurrentActor() actor: Actor) {
    return this.organisation.transaction((m) => this.organisation.succeedProvince(m, actor, code, body));
  }

  // Blocs and clusters.

  @Get(':provinceCode/blocs')
  @Documented('Các khối, cụm thi đua của tỉnh, tìm theo mã, tên hoặc năm, có phân trang', {
    ok: { type: OrgPagedBlocs },
    notFound: PROVINCE,
  })
  listBlocs(@Param('provinceCode') code: string, @Query() query: BlocQueryDto, @CurrentActor() actor: Actor) {
    return this.organisation.read((m) =>
      this.organisation.listBlocs(m, actor, code, { q: query.q, year: query.year }, pageOf(query)),
    );
  }

  @Post(':provinceCode/blocs')
  @AllowRoles(...WRITERS)
  @Documented('Tạo khối hoặc cụm thi đua', {
    ok: { type: OrgBlocView, status: 201 },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: PROVINCE,
    conflict: 'BLOC_EXISTS',
    unprocessable: INVALID,
  })
  createBloc(@Param('provinceCode') code: string, @Body() body: CreateBlocDto, @CurrentActor() actor: Actor) {
    return this.organisation.transaction((m) => this.organisation.createBloc(m, actor, code, body));
  }

  @Get(':provinceCode/blocs/:blocCode')
  @Documented('Một khối, cụm thi đua', { ok: { type: OrgBlocView }, notFound: BLOC })
  getBloc(@Param('provinceCode') code: string, @Param('blocCode') blocCode: string, @CurrentActor() actor: Actor) {
    return this.organisation.read((m) => this.organisation.getBloc(m, actor, code, blocCode));
  }

  @Patch(':provinceCode/blocs/:blocCode')
  @AllowRoles(...WRITERS)
  @Documented('Sửa khối, cụm thi đua (tên, loại, các năm hoạt động)', {
    ok: { type: OrgBlocView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: BLOC,
    unprocessable: INVALID,
  })
  updateBloc(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Body() body: UpdateBlocDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.updateBloc(m, actor, code, blocCode, body));
  }

  @Post(':provinceCode/blocs/:blocCode/end')
  @HttpCode(200)
  @AllowRoles(...WRITERS)
  @Documented('Kết thúc khối, cụm thi đua sau một năm (không xoá); các thành viên rời khối từ 1/1 năm sau', {
    ok: { type: OrgBlocView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: BLOC,
    conflict: 'ALREADY_ENDED',
    unprocessable: INVALID,
  })
  endBloc(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Body() body: EndBlocDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.endBloc(m, actor, code, blocCode, body));
  }

  @Get(':provinceCode/blocs/:blocCode/memberships')
  @Documented('Các đơn vị thành viên của khối theo thời gian (?on=YYYY-MM-DD: thành viên vào ngày đó)', {
    ok: { type: OrgPagedMemberships },
    notFound: BLOC,
  })
  listMemberships(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Query() query: MembershipQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.read((m) =>
      this.organisation.listMemberships(m, actor, code, blocCode, { on: query.on }, pageOf(query)),
    );
  }

  @Post(':provinceCode/blocs/:blocCode/memberships')
  @AllowRoles(...WRITERS)
  @Documented('Đơn vị tham gia khối từ một ngày; mỗi ngày một đơn vị chỉ thuộc một khối', {
    ok: { type: OrgMembershipView, status: 201 },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: BLOC,
    conflict: 'UNIT_IN_TWO_BLOCS: the unit is in another bloc on one of these days',
    unprocessable: INVALID,
  })
  addMembership(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Body() body: CreateMembershipDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.addMembership(m, actor, code, blocCode, body));
  }

  @Post(':provinceCode/blocs/:blocCode/memberships/:membershipId/end')
  @HttpCode(200)
  @AllowRoles(...WRITERS)
  @Documented('Đơn vị rời khối từ một ngày (không xoá; chu kỳ đã bắt đầu giữ nguyên thành viên)', {
    ok: { type: OrgMembershipView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: `${BLOC}; MEMBERSHIP_NOT_FOUND`,
    conflict: 'ALREADY_ENDED',
    unprocessable: INVALID,
  })
  endMembership(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Param('membershipId', membershipId) id: string,
    @Body() body: EndMembershipDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.endMembership(m, actor, code, blocCode, id, body));
  }

  @Get(':provinceCode/blocs/:blocCode/leaderships/:year')
  @Documented('Trưởng khối, Phó khối của khối trong một năm', {
    ok: { type: OrgLeadershipView },
    notFound: BLOC,
    unprocessable: 'NO_LEADERSHIP: none recorded for the year',
  })
  getLeadership(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.read((m) => this.organisation.getLeadership(m, actor, code, blocCode, year));
  }

  @Put(':provinceCode/blocs/:blocCode/leaderships/:year')
  @AllowRoles(...WRITERS)
  @Documented('Đặt Trưởng khối, Phó khối cho năm đầu tiên của khối trên hệ thống (khi chưa có chu kỳ nào bầu)', {
    ok: { type: OrgLeadershipView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: BLOC,
    conflict: 'LEADERSHIP_ALREADY_DECIDED: elected by a cycle, or the year’s cycle has started',
    unprocessable: INVALID,
  })
  setLeadership(
    @Param('provinceCode') code: string,
    @Param('blocCode') blocCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @Body() body: LeadershipDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.setInitialLeadership(m, actor, code, blocCode, year, body));
  }

  // Units.

  @Get(':provinceCode/units')
  @Documented('Các đơn vị của tỉnh: tìm theo mã, tên; lọc theo khối, ngày, loại; có phân trang', {
    ok: { type: OrgPagedUnits },
    notFound: PROVINCE,
  })
  listUnits(@Param('provinceCode') code: string, @Query() query: UnitQueryDto, @CurrentActor() actor: Actor) {
    return this.organisation.read((m) =>
      this.organisation.listUnits(
        m,
        actor,
        code,
        { q: query.q, blocCode: query.blocCode, on: query.on, kind: query.kind, includeEnded: query.includeEnded === 'true' },
        pageOf(query),
      ),
    );
  }

  @Post(':provinceCode/units')
  @AllowRoles(...WRITERS)
  @Documented('Tạo đơn vị', {
    ok: { type: OrgUnitView, status: 201 },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: PROVINCE,
    conflict: 'UNIT_EXISTS',
    unprocessable: INVALID,
  })
  createUnit(@Param('provinceCode') code: string, @Body() body: CreateUnitDto, @CurrentActor() actor: Actor) {
    return this.organisation.transaction((m) => this.organisation.createUnit(m, actor, code, body));
  }

  @Get(':provinceCode/units/:unitCode')
  @Documented('Một đơn vị với lịch sử tham gia khối; mã cũ (đổi tên, hợp nhất) trả về đơn vị kế thừa', {
    ok: { type: OrgUnitView },
    notFound: UNIT,
  })
  getUnit(@Param('provinceCode') code: string, @Param('unitCode') unitCode: string, @CurrentActor() actor: Actor) {
    return this.organisation.read((m) => this.organisation.getUnit(m, actor, code, unitCode));
  }

  @Patch(':provinceCode/units/:unitCode')
  @AllowRoles(...WRITERS)
  @Documented('Sửa thông tin đơn vị', {
    ok: { type: OrgUnitView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: UNIT,
    unprocessable: INVALID,
  })
  updateUnit(
    @Param('provinceCode') code: string,
    @Param('unitCode') unitCode: string,
    @Body() body: UpdateUnitDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.updateUnit(m, actor, code, unitCode, body));
  }

  @Post(':provinceCode/units/:unitCode/end')
  @HttpCode(200)
  @AllowRoles(...WRITERS)
  @Documented('Kết thúc đơn vị từ một ngày (không xoá), có thể kèm đơn vị kế thừa nhận lịch sử khen thưởng', {
    ok: { type: OrgUnitView },
    body: true,
    forbidden: WRITE_FORBIDDEN,
    notFound: UNIT,
    conflict: 'ALREADY_ENDED',
    unprocessable: INVALID,
  })
  endUnit(
    @Param('provinceCode') code: string,
    @Param('unitCode') unitCode: string,
    @Body() body: EndUnitDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.organisation.transaction((m) => this.organisation.endUnit(m, actor, code, unitCode, body));
  }
}
