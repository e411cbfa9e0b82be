import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../config/config';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { Role, type Actor } from '../../shared/actors';
import { APP_CONFIG } from '../temporal/temporal.module';
import {
  AsOfDto,
  BlocFilterDto,
  CycleFilterDto,
  CycleWaitDto,
  LateUnitsFilterDto,
  NominationFilterDto,
  TimelineFilterDto,
} from './read-model.dto';
import { ReadModelService } from './read-model.service';
import { CycleChangeFeed } from '../../db/cycle-changes';
import { NominationsService } from '../reports/nominations.service';
import { NominationPageView, UnitNominationsView } from '../reports/nominations.views';
import {
  AssessmentScoresView,
  BlocView,
  CycleAsOfView,
  CycleSummaryView,
  CycleView,
  LateUnitView,
  TimelineView,
  UnitAwardsView,
} from './read-model.views';

@ApiTags('reads')
@Controller({ version: '1' })
export class ReadModelController {
  constructor(
    private readonly reads: ReadModelService,
    private readonly nominations: NominationsService,
    private readonly changes: CycleChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('cycles')
  @Documented('Danh sách chu kỳ thi đua theo tỉnh, năm, giai đoạn, trạng thái', { ok: { type: [CycleSummaryView] } })
  listCycles(@CurrentActor() actor: Actor, @Query() filter: CycleFilterDto) {
    return this.reads.listCycles(actor, filter);
  }

  @Get('cycles/:cycleId')
  @Documented('Trạng thái một chu kỳ, với tiến độ của từng đơn vị; có thể chờ đến khi chu kỳ thay đổi (after, waitSeconds)', {
    ok: { type: CycleView },
    notFound: 'CYCLE_NOT_FOUND',
  })
  async getCycle(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Query() wait: CycleWaitDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.reads.getCycle(
      actor,
      cycleId,
      wait.waitSeconds ? { after: wait.after ?? 0, seconds: wait.waitSeconds } : undefined,
    );
    // A shutting-down API answers waiters at once; closing their connections lets it finish while clients follow on.
    if (this.changes.isClosed) res.setHeader('Connection', 'close');
    return view;
  }

  @Get('cycles/:cycleId/as-of')
  @AllowRoles(Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST)
  @Documented('Hồ sơ của chu kỳ tại một thời điểm trong quá khứ (phục vụ khiếu nại, thanh tra)', {
    ok: { type: CycleAsOfView },
    notFound: 'CYCLE_NOT_FOUND, also when the cycle had not started at that instant',
  })
  asOf(@CurrentActor() actor: Actor, @Param('cycleId') cycleId: string, @Query() query: AsOfDto) {
    return this.reads.cycleAsOf(actor, cycleId, query.at);
  }

  @Get('cycles/:cycleId/late-units')
  @Documented('Đơn vị chậm ký giao ước hoặc chậm tự chấm điểm', { ok: { type: [LateUnitView] }, notFound: 'CYCLE_NOT_FOUND' })
  lateUnits(@CurrentActor() actor: Actor, @Param('cycleId') cycleId: string, @Query() filter: LateUnitsFilterDto) {
    return this.reads.lateUnits(actor, cycleId, filter);
  }

  @Get('cycles/:cycleId/timeline')
  @Documented('Lịch sử chu kỳ: ai làm gì, khi nào, ở giai đoạn nào (quản trị)', {
    ok: { type: TimelineView },
    notFound: 'CYCLE_NOT_FOUND',
  })
  timeline(@CurrentActor() actor: Actor, @Param('cycleId') cycleId: string, @Query() query: TimelineFilterDto) {
    return this.reads.timeline(
      actor,
      cycleId,
      { url: this.config.temporalUiUrl, namespace: this.config.temporal.namespace },
      query.unitCode,
    );
  }

  @Get('cycles/:cycleId/units/:unitCode/assessment')
  @Documented('Bảng tự chấm điểm của đơn vị qua các lần nộp', {
    ok: { type: AssessmentScoresView },
    notFound: 'CYCLE_NOT_FOUND, UNIT_NOT_FOUND (not in the cycle)',
  })
  assessment(@CurrentActor() actor: Actor, @Param('cycleId') cycleId: string, @Param('unitCode') unitCode: string) {
    return this.reads.assessmentScores(actor, cycleId, unitCode);
  }

  @Get('nominations')
  @Documented(
    'Đề nghị khen thưởng theo khối, đơn vị, hình thức, trạng thái, nguồn, năm, đợt xét; có tên, lý do và số lượng theo nhóm',
    { ok: { type: NominationPageView } },
  )
  listNominations(@CurrentActor() actor: Actor, @Query() { limit, offset, ...filter }: NominationFilterDto) {
    return this.nominations.list(actor, filter, { limit, offset });
  }

  @Get('units/:unitCode/nominations')
  @Documented('Các đề nghị khen thưởng của đơn vị, kể cả đề nghị không được chấp nhận và lý do', {
    ok: { type: UnitNominationsView },
    notFound: 'UNIT_NOT_FOUND (also for a unit the reader may not see: only its own people and the province read it)',
  })
  unitNominations(@CurrentActor() actor: Actor, @Param('unitCode') unitCode: string) {
    return this.reads.unitNominations(actor, unitCode);
  }

  @Get('units/:unitCode/awards')
  @Documented('Lịch sử khen thưởng của đơn vị', { ok: { type: UnitAwardsView }, notFound: 'UNIT_NOT_FOUND' })
  unitAwards(@CurrentActor() actor: Actor, @Param('unitCode') unitCode: string) {
    return this.reads.unitAwards(actor, unitCode);
  }

  @Get('blocs')
  @Documented('Khối thi đua và Trưởng/Phó khối theo năm', { ok: { type: [BlocView] } })
  listBlocs(@CurrentActor() actor: Actor, @Query() query: BlocFilterDto) {
    return this.reads.listBlocs(actor, query.provinceCode);
  }
}
