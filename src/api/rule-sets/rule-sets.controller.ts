import { Body, Controller, Get, Param, Post, Put, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { notFound } from '../common/read-scope.service';
import { canReadProvince, readScopeOf } from '../../domain/read-scope';
import { CreateRuleSetDto, RuleSetRevisionView, RuleSetView, UpdateRuleSetDto } from './dto/rule-set.dto';
import { CyclesService } from '../cycles/cycles.service';
import { RuleSetsService } from './rule-sets.service';

const NOT_FOUND = 'PROVINCE_NOT_FOUND or RULE_SET_NOT_FOUND';

/** The rule sets are read by the province's own people (any role) and system-wide readers; elsewhere, as missing. */
function requireProvinceInScope(actor: Actor, provinceCode: string): void {
  if (!canReadProvince(readScopeOf(actor), provinceCode)) throw notFound.province(provinceCode);
}

/** A write by an admin: the set is checked whole (422 lists each bad field) and delivered to the running cycles. */
function documentedWrite(summary: string, ok: { type: Type<unknown>; status?: number }, conflict?: string): MethodDecorator {
  return Documented(summary, {
    ok,
    body: true,
    forbidden: 'admins only',
    notFound: NOT_FOUND,
    conflict,
    unprocessable: 'RULE_SET_INVALID: detail lists `field: message` pairs',
  });
}

/** Versioned rule sets of a province (căn cứ pháp lý, thời gian hiệu lực, quy tắc): read by its people, written by admins. */
@ApiTags('rule sets')
@Controller({ path: 'provinces/:provinceCode/rule-sets', version: '1' })
export class RuleSetsController {
  constructor(
    private readonly ruleSets: RuleSetsService,
    private readonly cycles: CyclesService,
  ) {}

  /** Running cycles of the province receive the changed sets; decisions already made keep their version. */
  private async published(provinceCode: string, view: RuleSetView, actor: Actor): Promise<RuleSetView> {
    return { ...view, deliveredTo: await this.cycles.deliverRuleSets(actor, provinceCode) };
  }

  @Get()
  @Documented('Các bộ quy tắc thi đua của tỉnh, theo thời gian hiệu lực', {
    ok: { type: [RuleSetView] },
    notFound: 'PROVINCE_NOT_FOUND',
  })
  list(@CurrentActor() actor: Actor, @Param('provinceCode') provinceCode: string): Promise<RuleSetView[]> {
    requireProvinceInScope(actor, provinceCode);
    return this.ruleSets.list(provinceCode);
  }

  @Get(':version')
  @Documented('Một bộ quy tắc thi đua theo phiên bản', { ok: { type: RuleSetView }, notFound: NOT_FOUND })
  get(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Param('version') version: string,
  ): Promise<RuleSetView> {
    requireProvinceInScope(actor, provinceCode);
    return this.ruleSets.get(provinceCode, version);
  }

  @Get(':version/revisions')
  @Documented('Các lần sửa của một bộ quy tắc, mỗi lần với nội dung đã áp dụng', {
    ok: { type: [RuleSetRevisionView] },
    notFound: NOT_FOUND,
  })
  revisions(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Param('version') version: string,
  ): Promise<RuleSetRevisionView[]> {
    requireProvinceInScope(actor, provinceCode);
    return this.ruleSets.revisions(provinceCode, version);
  }

  @Post()
  @AllowRoles(Role.ADMIN)
  @documentedWrite('Thêm bộ quy tắc thi đua mới của tỉnh (quản trị)', { type: RuleSetView, status: 201 }, 'RULE_SET_EXISTS')
  async create(
    @Param('provinceCode') provinceCode: string,
    @Body() body: CreateRuleSetDto,
    @CurrentActor() actor: Actor,
  ): Promise<RuleSetView> {
    return this.published(provinceCode, await this.ruleSets.create(provinceCode, body, actor), actor);
  }

  @Put(':version')
  @AllowRoles(Role.ADMIN)
  @documentedWrite('Sửa bộ quy tắc thi đua; phiên bản không đổi, quyết định đã ban hành giữ nguyên (quản trị)', {
    type: RuleSetView,
  })
  async update(
    @Param('provinceCode') provinceCode: string,
    @Param('version') version: string,
    @Body() body: UpdateRuleSetDto,
    @CurrentActor() actor: Actor,
  ): Promise<RuleSetView> {
    return this.published(provinceCode, await this.ruleSets.update(provinceCode, version, body, actor), actor);
  }
}
