import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../config/config';
import { AllowRoles } from '../common/actor';
import { ErrorBody } from '../common/error-body';
import { Role } from '../../shared/actors';
import { APP_CONFIG } from '../temporal/temporal.module';
import { AsOfDto, CycleFilterDto, LateUnitsFilterDto, NominationFilterDto, TimelineFilterDto } from './read-model.dto';
import { ReadModelService } from './read-model.service';

@ApiTags('reads')
@ApiResponse({ status: 401, type: ErrorBody })
@Controller({ version: '1' })
export class ReadModelController {
  constructor(
    private readonly reads: ReadModelService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('cycles')
  @ApiOperation({ summary: 'Danh sách chu kỳ thi đua theo tỉnh, năm, giai đoạn, trạng thái' })
  listCycles(@Query() filter: CycleFilterDto) {
    return this.reads.listCycles(filter);
  }

  @Get('cycles/:cycleId')
  @ApiOperation({ summary: 'Trạng thái một chu kỳ, với tiến độ của từng đơn vị' })
  @ApiResponse({ status: 404, type: ErrorBody })
  getCycle(@Param('cycleId') cycleId: string) {
    return this.reads.getCycle(cycleId);
  }

  @Get('cycles/:cycleId/as-of')
  @AllowRoles(Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST)
  @ApiOperation({ summary: 'Hồ sơ của chu kỳ tại một thời điểm trong quá khứ (phục vụ khiếu nại, thanh tra)' })
  @ApiResponse({ status: 404, type: ErrorBody })
  asOf(@Param('cycleId') cycleId: string, @Query() query: AsOfDto) {
    return this.reads.cycleAsOf(cycleId, query.at);
  }

  @Get('cycles/:cycleId/late-units')
  @ApiOperation({ summary: 'Đơn vị chậm ký giao ước hoặc chậm tự chấm điểm' })
  lateUnits(@Param('cycleId') cycleId: string, @Query() filter: LateUnitsFilterDto) {
    return this.reads.lateUnits(cycleId, filter);
  }

  @Get('cycles/:cycleId/timeline')
  @ApiOperation({ summary: 'Lịch sử chu kỳ: ai làm gì, khi nào, ở giai đoạn nào (quản trị)' })
  @ApiQuery({ name: 'unitCode', required: false, description: 'Only the entries of or about this unit (a nominee)' })
  timeline(@Param('cycleId') cycleId: string, @Query() query: TimelineFilterDto) {
    return this.reads.timeline(
      cycleId,
      { url: this.config.temporalUiUrl, namespace: this.config.temporal.namespace },
      query.unitCode,
    );
  }

  @Get('cycles/:cycleId/units/:unitCode/assessment')
  @ApiOperation({ summary: 'Bảng tự chấm điểm của đơn vị qua các lần nộp' })
  assessment(@Param('cycleId') cycleId: string, @Param('unitCode') unitCode: string) {
    return this.reads.assessmentScores(cycleId, unitCode);
  }

  @Get('nominations')
  @ApiOperation({ summary: 'Đề nghị khen thưởng theo trạng thái và hình thức' })
  listNominations(@Query() filter: NominationFilterDto) {
    return this.reads.listNominations(filter);
  }

  @Get('units/:unitCode/awards')
  @ApiOperation({ summary: 'Lịch sử khen thưởng của đơn vị' })
  unitAwards(@Param('unitCode') unitCode: string) {
    return this.reads.unitAwards(unitCode);
  }

  @Get('blocs')
  @ApiOperation({ summary: 'Khối thi đua và Trưởng/Phó khối theo năm' })
  @ApiQuery({ name: 'provinceCode', required: false })
  listBlocs(@Query('provinceCode') provinceCode?: string) {
    return this.reads.listBlocs(provinceCode);
  }
}
