import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { ErrorBody } from '../common/error-body';
import { CreateRuleSetDto, RuleSetRevisionView, RuleSetView, UpdateRuleSetDto } from './dto/rule-set.dto';
import { CyclesService } from '../cycles/cycles.service';
import { RuleSetsService } from './rule-sets.service';

const WRITE_REFUSALS: [number, string][] = [
  [400, 'Malformed body'],
  [403, 'Not an admin'],
  [404, 'PROVINCE_NOT_FOUND or RULE_SET_NOT_FOUND'],
  [422, 'RULE_SET_INVALID: detail lists `field: message` pairs'],
];

function documentedWrite(summary: string) {
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    ApiOperation({ summary })(target, key, descriptor);
    for (const [status, description] of WRITE_REFUSALS)
      ApiResponse({ status, type: ErrorBody, description })(target, key, descriptor);
  };
}

/** Versioned rule sets of a province (căn cứ pháp lý, thời gian hiệu lực, quy tắc): read by all, written by admins. */
@ApiTags('rule sets')
@ApiResponse({ status: 401, type: ErrorBody })
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
  @ApiOperation({ summary: 'Các bộ quy tắc thi đua của tỉnh, theo thời gian hiệu lực' })
  @ApiOkResponse({ type: [RuleSetView] })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PROVINCE_NOT_FOUND' })
  list(@Param('provinceCode') provinceCode: string): Promise<RuleSetView[]> {
    return this.ruleSets.list(provinceCode);
  }

  @Get(':version')
  @ApiOperation({ summary: 'Một bộ quy tắc thi đua theo phiên bản' })
  @ApiOkResponse({ type: RuleSetView })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PROVINCE_NOT_FOUND or RULE_SET_NOT_FOUND' })
  get(@Param('provinceCode') provinceCode: string, @Param('version') version: string): Promise<RuleSetView> {
    return this.ruleSets.get(provinceCode, version);
  }

  @Get(':version/revisions')
  @ApiOperation({ summary: 'Các lần sửa của một bộ quy tắc, mỗi lần với nội dung đã áp dụng' })
  @ApiOkResponse({ type: [RuleSetRevisionView] })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'PROVINCE_NOT_FOUND or RULE_SET_NOT_FOUND' })
  revisions(@Param('provinceCode') provinceCode: string, @Param('version') version: string): Promise<RuleSetRevisionView[]> {
    return this.ruleSets.revisions(provinceCode, version);
  }

  @Post()
  @AllowRoles(Role.ADMIN)
  @documentedWrite('Thêm bộ quy tắc thi đua mới của tỉnh (quản trị)')
  @ApiCreatedResponse({ type: RuleSetView })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'RULE_SET_EXISTS' })
  async create(
    @Param('provinceCode') provinceCode: string,
    @Body() body: CreateRuleSetDto,
    @CurrentActor() actor: Actor,
  ): Promise<RuleSetView> {
    return this.published(provinceCode, await this.ruleSets.create(provinceCode, body, actor), actor);
  }

  @Put(':version')
  @AllowRoles(Role.ADMIN)
  @documentedWrite('Sửa bộ quy tắc thi đua; phiên bản không đổi, quyết định đã ban hành giữ nguyên (quản trị)')
  @ApiOkResponse({ type: RuleSetView })
  async update(
    @Param('provinceCode') provinceCode: string,
    @Param('version') version: string,
    @Body() body: UpdateRuleSetDto,
    @CurrentActor() actor: Actor,
  ): Promise<RuleSetView> {
    return this.published(provinceCode, await this.ruleSets.update(provinceCode, version, body, actor), actor);
  }
}
