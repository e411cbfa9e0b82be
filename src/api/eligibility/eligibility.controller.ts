import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import type { EligibilityResult } from '../../shared/eligibility';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { ReadScopeService } from '../common/read-scope.service';
import {
  EligibilityQueryDto,
  EligibilityResultView,
  RecordConditionDto,
  ResolveConditionDto,
  SetRatingDto,
  UnitConditionView,
  UnitRatingView,
} from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

const RECORDERS = [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.ADMIN];
const UNIT_NOT_FOUND = 'UNIT_NOT_FOUND';

/** Records that suspend or block a unit's awards, its yearly rating, and the verdict per award. */
@ApiTags('eligibility')
@Controller({ path: 'units/:unitCode', version: '1' })
export class EligibilityController {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly scope: ReadScopeService,
  ) {}

  @Post('conditions')
  @AllowRoles(...RECORDERS)
  @Documented(
    'Ghi nhận kỷ luật, điều tra, thanh tra, kiểm toán, khiếu nại hoặc danh sách vi phạm của cơ quan khác (Phòng TĐKT)',
    {
      ok: { type: UnitConditionView, status: 201 },
      body: true,
      notFound: UNIT_NOT_FOUND,
    },
  )
  recordCondition(
    @Param('unitCode') unitCode: string,
    @CurrentActor() actor: Actor,
    @Body() dto: RecordConditionDto,
  ): Promise<UnitConditionView> {
    return this.eligibility.recordCondition(actor, unitCode, dto);
  }

  @Get('conditions')
  @Documented('Các vụ việc đã ghi nhận đối với đơn vị, kể cả đã kết thúc', {
    ok: { type: [UnitConditionView] },
    notFound: UNIT_NOT_FOUND,
  })
  async listConditions(@CurrentActor() actor: Actor, @Param('unitCode') unitCode: string): Promise<UnitConditionView[]> {
    await this.scope.requireUnit(actor, unitCode, 'CONDITIONS');
    return this.eligibility.listConditions(unitCode);
  }

  @Post('conditions/:conditionId/resolve')
  @HttpCode(200)
  @AllowRoles(...RECORDERS)
  @Documented('Ghi nhận vụ việc đã kết thúc: có kết luận, thu hồi, xóa kỷ luật (Phòng TĐKT)', {
    ok: { type: UnitConditionView },
    body: true,
    notFound: `${UNIT_NOT_FOUND}, CONDITION_NOT_FOUND`,
    conflict: 'CONDITION_ALREADY_RESOLVED',
  })
  resolveCondition(
    @Param('unitCode') unitCode: string,
    @Param('conditionId') conditionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ResolveConditionDto,
  ): Promise<UnitConditionView> {
    return this.eligibility.resolveCondition(actor, unitCode, conditionId, dto);
  }

  @Put('ratings/:year')
  @AllowRoles(...RECORDERS)
  @Documented('Mức độ hoàn thành nhiệm vụ của tổ chức đảng, đoàn thể của đơn vị trong năm (Phòng TĐKT)', {
    ok: { type: UnitRatingView },
    body: true,
    notFound: UNIT_NOT_FOUND,
  })
  setRating(
    @Param('unitCode') unitCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @CurrentActor() actor: Actor,
    @Body() dto: SetRatingDto,
  ): Promise<UnitRatingView> {
    return this.eligibility.setRating(actor, unitCode, year, dto);
  }

  @Get('eligibility')
  @Documented('Điều kiện khen thưởng của đơn vị: từng quy định đã xét, đạt hay không và căn cứ', {
    ok: { type: EligibilityResultView },
    notFound: UNIT_NOT_FOUND,
  })
  async eligibilityOf(
    @CurrentActor() actor: Actor,
    @Param('unitCode') unitCode: string,
    @Query() query: EligibilityQueryDto,
  ): Promise<EligibilityResult> {
    await this.scope.requireUnit(actor, unitCode, 'ELIGIBILITY');
    return this.eligibility.unitEligibility(unitCode, query.award, query.year, query.asOf);
  }
}
