import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import type { EligibilityResult } from '../../shared/eligibility';
import { AllowRoles, CurrentActor } from '../common/actor';
import { ErrorBody } from '../common/error-body';
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

/** Records that suspend or block a unit's awards, its yearly rating, and the verdict per award. */
@ApiTags('eligibility')
@ApiResponse({ status: 401, type: ErrorBody })
@ApiResponse({ status: 404, type: ErrorBody, description: 'UNIT_NOT_FOUND' })
@Controller({ path: 'units/:unitCode', version: '1' })
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Post('conditions')
  @AllowRoles(...RECORDERS)
  @ApiOperation({
    summary: 'Ghi nhận kỷ luật, điều tra, thanh tra, kiểm toán, khiếu nại hoặc danh sách vi phạm của cơ quan khác (Phòng TĐKT)',
  })
  @ApiCreatedResponse({ type: UnitConditionView })
  @ApiResponse({ status: 400, type: ErrorBody })
  @ApiResponse({ status: 403, type: ErrorBody })
  recordCondition(
    @Param('unitCode') unitCode: string,
    @CurrentActor() actor: Actor,
    @Body() dto: RecordConditionDto,
  ): Promise<UnitConditionView> {
    return this.eligibility.recordCondition(actor, unitCode, dto);
  }

  @Get('conditions')
  @ApiOperation({ summary: 'Các vụ việc đã ghi nhận đối với đơn vị, kể cả đã kết thúc' })
  @ApiOkResponse({ type: [UnitConditionView] })
  listConditions(@Param('unitCode') unitCode: string): Promise<UnitConditionView[]> {
    return this.eligibility.listConditions(unitCode);
  }

  @Post('conditions/:conditionId/resolve')
  @HttpCode(200)
  @AllowRoles(...RECORDERS)
  @ApiOperation({ summary: 'Ghi nhận vụ việc đã kết thúc: có kết luận, thu hồi, xóa kỷ luật (Phòng TĐKT)' })
  @ApiOkResponse({ type: UnitConditionView })
  @ApiResponse({ status: 400, type: ErrorBody })
  @ApiResponse({ status: 403, type: ErrorBody })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'CONDITION_ALREADY_RESOLVED' })
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
  @ApiOperation({ summary: 'Mức độ hoàn thành nhiệm vụ của tổ chức đảng, đoàn thể của đơn vị trong năm (Phòng TĐKT)' })
  @ApiOkResponse({ type: UnitRatingView })
  @ApiResponse({ status: 400, type: ErrorBody })
  @ApiResponse({ status: 403, type: ErrorBody })
  setRating(
    @Param('unitCode') unitCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @CurrentActor() actor: Actor,
    @Body() dto: SetRatingDto,
  ): Promise<UnitRatingView> {
    return this.eligibility.setRating(actor, unitCode, year, dto);
  }

  @Get('eligibility')
  @ApiOperation({ summary: 'Điều kiện khen thưởng của đơn vị: từng quy định đã xét, đạt hay không và căn cứ' })
  @ApiOkResponse({ type: EligibilityResultView })
  @ApiResponse({ status: 400, type: ErrorBody })
  eligibilityOf(@Param('unitCode') unitCode: string, @Query() query: EligibilityQueryDto): Promise<EligibilityResult> {
    return this.eligibility.unitEligibility(unitCode, query.award, query.year, query.asOf);
  }
}
