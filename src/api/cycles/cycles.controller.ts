import { Body, Controller, HttpCode, Param, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../../shared/actors';
import type { AssessmentAnswer, AssessmentState, CycleState, DecideTieCommand } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import {
  approveAppraisalUpdate,
  approveAssessmentUpdate,
  approveLeadershipUpdate,
  appraiseUpdate,
  closePledgesUpdate,
  closeSelfAssessmentUpdate,
  councilVoteUpdate,
  crossScoreUpdate,
  decideTieUpdate,
  launchUpdate,
  openConferenceUpdate,
  reviewAssessmentUpdate,
  reviewDossierUpdate,
  signPledgeUpdate,
  submitAssessmentUpdate,
  submitDossierUpdate,
} from '../../shared/messages';
import { CurrentActor, RequestId } from '../common/actor';
import { DomainException } from '../common/domain.exception';
import { Documented } from '../common/documented';
import { AssessmentStateView, CastBallotView, CycleStateView } from './dto/cycle-state.view';
import { ApproveAssessmentDto, ReviewAssessmentDto, ReviewDossierDto, SubmitAssessmentDto } from './dto/assessment.dto';
import { DatedStepDto } from './dto/dated-step.dto';
import {
  ApproveLeadershipDto,
  CastBallotDto,
  CloseBallotDto,
  DecideTieDto,
  OpenBallotDto,
  OpenConferenceDto,
  RestartBallotDto,
} from './dto/conference.dto';
import { ApproveAppraisalDto, AppraiseDto, CouncilVoteDto, DecideDto, SubmitDossierDto } from './dto/dossier.dto';
import { LaunchDto } from './dto/launch.dto';
import { StartCycleDto } from './dto/start-cycle.dto';
import { CyclesService } from './cycles.service';
import { FilesService } from '../files/files.service';

/** A step sent to the cycle's (or a unit's assessment) workflow: its validators refuse with 403, 404, 409 or 422. */
function decision(summary: string, type: Type<unknown> = CycleStateView): MethodDecorator {
  return Documented(summary, {
    ok: { type, description: 'The new state after the step' },
    body: true,
    update: true,
    forbidden: 'NOT_LEADER, NOT_MEMBER, NOT_PRESENT, NOT_SUBMITTER, OUT_OF_SCOPE: not this person’s step',
    notFound: 'CYCLE_NOT_FOUND (also for a malformed cycle id), UNIT_NOT_FOUND',
    conflict:
      'WRONG_PHASE, WRONG_STATE, ALREADY_SIGNED, ALREADY_VOTED, ALREADY_DECIDED, DEADLINE_NOT_REACHED, ELECTION_UNDECIDED',
    unprocessable:
      'The workflow refuses the content: SCORE_OUT_OF_RANGE, MISSING_CRITERION, UNKNOWN_CRITERION, REASON_REQUIRED, QUORUM_NOT_MET, ' +
      'INVALID_CANDIDATE, TOO_MANY_CHOICES, SELF_VOTE_NOT_ALLOWED, UNKNOWN_NOMINEE, EVIDENCE_REQUIRED, COUNCIL_QUORUM_NOT_MET, ' +
      'MISSING_ACHIEVEMENT_REPORT, AWARD_DISABLED, NO_RULE_SET_IN_FORCE, DEADLINE_IN_PAST, DATE_OUT_OF_ORDER (RECORD cycles: a date ' +
      'before the step it depends on, in the future or outside the cycle’s years)',
  });
}

/** Every human step of the cycle: one route each, all through CyclesService.execute. */
@ApiTags('cycle steps')
@Controller({ path: 'cycles', version: '1' })
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly files: FilesService,
  ) {}

  @Post()
  @Documented('Khởi tạo chu kỳ thi đua của một khối trong một năm (admin, Trưởng phòng TĐKT)', {
    ok: { type: CycleStateView, status: 201, description: 'The new cycle state' },
    body: true,
    forbidden: 'OUT_OF_SCOPE: another province',
    notFound: 'PROVINCE_NOT_FOUND, BLOC_NOT_FOUND',
    conflict:
      'CYCLE_ALREADY_EXISTS: the bloc already has a cycle for that year (the same start re-sent with its x-request-id answers as the first)',
    unprocessable: 'NO_LEADERSHIP, NO_RULE_SET_IN_FORCE',
    update: true,
  })
  start(@CurrentActor() actor: Actor, @Body() dto: StartCycleDto, @RequestId() rid?: string): Promise<CycleState> {
    return this.cycles.start(actor, dto, rid);
  }

  @Post(':cycleId/launch')
  @HttpCode(200)
  @decision('Phát động thi đua: kế hoạch, tiêu chí và giao ước (Trưởng khối)')
  launch(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: LaunchDto, @RequestId() rid?: string) {
    return this.cycles.step(this.cycles.cycleHandle(id), launchUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/pledges')
  @HttpCode(200)
  @ApiBody({ type: DatedStepDto, required: false })
  @decision('Ký giao ước thi đua (thủ trưởng đơn vị thành viên)')
  signPledge(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: DatedStepDto, @RequestId() rid?: string) {
    return this.cycles.step(this.cycles.cycleHandle(id), signPledgeUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/pledges/close')
  @HttpCode(200)
  @ApiBody({ type: DatedStepDto })
  @decision(
    'Bản ghi năm đã qua (RECORD): Trưởng khối kết thúc giai đoạn ký giao ước sau khi hết hạn (năm đang diễn ra: hết hạn thì tự kết thúc)',
  )
  closePledges(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: DatedStepDto, @RequestId() rid?: string) {
    return this.cycles.step(this.cycles.cycleHandle(id), closePledgesUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/units/:unitCode/assessment')
  @HttpCode(200)
  @decision('Nộp bảng tự chấm điểm của đơn vị (cán bộ đầu mối hoặc thủ trưởng)', AssessmentStateView)
  submitAssessment(
    @Param('cycleId') id: string,
    @Param('unitCode') unit: string,
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitAssessmentDto,
    @RequestId() rid?: string,
  ): Promise<AssessmentState> {
    return this.assessment(id, unit, async () => {
      await this.files.checkEvidence(id, unit, dto.scores);
      return this.cycles.execute(this.cycles.assessmentHandle(id, unit), submitAssessmentUpdate, { actor, ...dto }, rid);
    });
  }

  @Post(':cycleId/units/:unitCode/assessment/approval')
  @HttpCode(200)
  @ApiBody({ type: ApproveAssessmentDto, required: false })
  @decision(
    'Thủ trưởng đơn vị phê duyệt bảng tự chấm điểm của đơn vị mình, hoặc trả lại cán bộ đầu mối (trả lại phải nêu lý do)',
    AssessmentStateView,
  )
  approveAssessment(
    @Param('cycleId') id: string,
    @Param('unitCode') unit: string,
    @Body() dto: ApproveAssessmentDto,
    @CurrentActor() actor: Actor,
    @RequestId() rid?: string,
  ): Promise<AssessmentState> {
    return this.assessment(id, unit, () =>
      this.cycles.execute(this.cycles.assessmentHandle(id, unit), approveAssessmentUpdate, { actor, ...dto }, rid),
    );
  }

  @Post(':cycleId/units/:unitCode/assessment/review')
  @HttpCode(200)
  @decision(
    'Trưởng khối chấp nhận (kèm điểm thẩm định nếu khác điểm tự chấm) hoặc trả lại bảng tự chấm điểm (trả lại phải nêu lý do)',
    AssessmentStateView,
  )
  reviewAssessment(
    @Param('cycleId') id: string,
    @Param('unitCode') unit: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ReviewAssessmentDto,
    @RequestId() rid?: string,
  ): Promise<AssessmentState> {
    return this.assessment(id, unit, async () => {
      await this.files.checkEvidence(id, unit, dto.verifiedScores);
      return this.cycles.execute(this.cycles.assessmentHandle(id, unit), reviewAssessmentUpdate, { actor, ...dto }, rid);
    });
  }

  @Post(':cycleId/units/:unitCode/assessment/cross-scores')
  @HttpCode(200)
  @decision(
    'Chấm chéo: thủ trưởng đơn vị được phân công chấm bảng điểm của đơn vị khác, sau khi đơn vị đó phê duyệt',
    AssessmentStateView,
  )
  crossScore(
    @Param('cycleId') id: string,
    @Param('unitCode') unit: string,
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitAssessmentDto,
    @RequestId() rid?: string,
  ): Promise<AssessmentState> {
    return this.assessment(id, unit, async () => {
      await this.files.checkEvidence(id, unit, dto.scores);
      return this.cycles.execute(this.cycles.assessmentHandle(id, unit), crossScoreUpdate, { actor, ...dto }, rid);
    });
  }

  @Post(':cycleId/self-assessment/close')
  @HttpCode(200)
  @ApiBody({ type: DatedStepDto, required: false })
  @decision('Trưởng khối kết thúc giai đoạn tự chấm điểm sau khi hết hạn')
  closeSelfAssessment(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: DatedStepDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.step(this.cycles.cycleHandle(id), closeSelfAssessmentUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/conference')
  @HttpCode(200)
  @decision('Khai mạc hội nghị tổng kết: điểm danh, kiểm tra số đơn vị dự (Trưởng khối)')
  openConference(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: OpenConferenceDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.step(this.cycles.cycleHandle(id), openConferenceUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/ballot')
  @HttpCode(200)
  @decision('Mở bỏ phiếu suy tôn và bầu Trưởng, Phó khối năm sau (Trưởng khối)')
  openBallot(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: OpenBallotDto, @RequestId() rid?: string) {
    return this.cycles.openBallot(id, actor, { ...dto, candidates: { ...dto.candidates } }, rid);
  }

  @Post(':cycleId/ballot/votes')
  @HttpCode(200)
  @decision('Bỏ phiếu (thủ trưởng đơn vị có mặt; mỗi đơn vị một phiếu)', CastBallotView)
  castBallot(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: CastBallotDto, @RequestId() rid?: string) {
    return this.cycles.castBallot(
      id,
      actor,
      { choices: { ...dto.choices }, nextLeader: dto.nextLeader, nextDeputy: dto.nextDeputy },
      dto.receiptSecret,
      rid,
    );
  }

  @Post(':cycleId/ballot/close')
  @HttpCode(200)
  @decision('Kết thúc bỏ phiếu, kiểm phiếu bằng khóa kiểm phiếu, lập biên bản (Trưởng khối)')
  closeBallot(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: CloseBallotDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.closeBallot(id, actor, dto.tellerPrivateKey, rid);
  }

  @Post(':cycleId/ballot/restart')
  @HttpCode(200)
  @decision('Bỏ phiếu lại vòng đang mở với khóa kiểm phiếu mới khi mất khóa cũ; hủy các phiếu chưa kiểm (Trưởng khối)')
  restartBallot(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: RestartBallotDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.restartBallot(id, actor, dto.reason, dto.tellerKey, rid);
  }

  @Post(':cycleId/ballot/tie-decision')
  @HttpCode(200)
  @decision('Quyết định trường hợp bằng phiếu sau vòng cuối: Trưởng khối đề xuất, Phó khối xác nhận')
  decideTie(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: DecideTieDto, @RequestId() rid?: string) {
    return this.cycles.step(
      this.cycles.cycleHandle(id),
      decideTieUpdate,
      { actor, item: dto.item as DecideTieCommand['item'], chosen: dto.chosen },
      rid,
    );
  }

  @Post(':cycleId/leadership/approval')
  @HttpCode(200)
  @decision('Phê duyệt Trưởng khối, Phó khối năm sau đã được bầu (Trưởng phòng TĐKT hoặc Chủ tịch UBND tỉnh)')
  approveLeadership(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ApproveLeadershipDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.step(this.cycles.cycleHandle(id), approveLeadershipUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/dossier')
  @HttpCode(200)
  @decision('Trình hồ sơ đề nghị khen thưởng tới Phòng TĐKT, Sở Nội vụ (Trưởng khối)')
  async submitDossier(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitDossierDto,
    @RequestId() rid?: string,
  ) {
    await this.files.checkDossier(id, dto);
    return this.cycles.step(this.cycles.cycleHandle(id), submitDossierUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/dossier/review')
  @HttpCode(200)
  @decision('Kiểm tra tính đầy đủ của hồ sơ: tiếp nhận hoặc trả lại để bổ sung (chuyên viên Phòng TĐKT)')
  reviewDossier(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ReviewDossierDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.step(this.cycles.cycleHandle(id), reviewDossierUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/appraisal')
  @HttpCode(200)
  @decision('Thẩm định từng đề nghị (chuyên viên Phòng TĐKT)')
  appraise(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: AppraiseDto, @RequestId() rid?: string) {
    return this.cycles.step(this.cycles.cycleHandle(id), appraiseUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/appraisal/approval')
  @HttpCode(200)
  @decision('Trưởng phòng TĐKT duyệt hoặc trả lại kết quả thẩm định')
  approveAppraisal(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ApproveAppraisalDto,
    @RequestId() rid?: string,
  ) {
    return this.cycles.step(this.cycles.cycleHandle(id), approveAppraisalUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/council-vote')
  @HttpCode(200)
  @decision('Ghi kết quả bỏ phiếu của Hội đồng TĐKT tỉnh (Trưởng phòng TĐKT, thư ký Hội đồng)')
  async councilVote(
    @Param('cycleId') id: string,
    @CurrentActor() actor: Actor,
    @Body() dto: CouncilVoteDto,
    @RequestId() rid?: string,
  ) {
    for (const adjustment of dto.scoreAdjustments ?? [])
      await this.files.checkEvidence(id, adjustment.unitCode, adjustment.scores);
    return this.cycles.step(this.cycles.cycleHandle(id), councilVoteUpdate, { actor, ...dto }, rid);
  }

  @Post(':cycleId/decisions')
  @HttpCode(200)
  @decision('Quyết định khen thưởng của Chủ tịch UBND tỉnh, theo từng đề nghị')
  decide(@Param('cycleId') id: string, @CurrentActor() actor: Actor, @Body() dto: DecideDto, @RequestId() rid?: string) {
    return this.cycles.decide(id, { actor, ...dto }, rid);
  }

  /** An assessment workflow exists only while self-assessment is open for that unit. */
  private async assessment(cycleId: string, unitCode: string, run: () => Promise<AssessmentAnswer>): Promise<AssessmentState> {
    try {
      return await this.cycles.sheetAfter(await run());
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        // The cycle shows SELF_ASSESSMENT before each unit's sheet has opened (its own workflow, started by the cycle):
        // under load (a province's 1,410 sheets at once) that takes seconds; a retry then finds it.
        if (await this.cycles.sheetOpening(cycleId, unitCode))
          throw new DomainException(
            ErrorCode.SERVICE_UNAVAILABLE,
            `the self-assessment sheet of ${unitCode} is being opened; retry in a moment`,
            { retryAfterSeconds: 1 },
          );
        throw new DomainException(ErrorCode.WRONG_PHASE, `self-assessment is not open for ${unitCode} in ${cycleId}`);
      }
      throw err;
    }
  }
}
