import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../shared/actors';
import { CurrentActor, RequestId } from '../common/actor';
import { Documented } from '../common/documented';
import {
  AddCouncilMemberDto,
  AppraiseItemsDto,
  CentralDecisionDto,
  CouncilMemberFilterDto,
  EndCouncilMemberDto,
  EndSessionDto,
  HandOverCycleDto,
  OpenRoundDto,
  OpenSessionDto,
  ProposeDirectBatchDto,
  ProposeDirectDto,
  ResendUpwardDto,
  ReturnUpwardDto,
  ReviewListDto,
  RoundDecisionDto,
  RoundFilterDto,
  SubmitUpwardDto,
  VoteTalliesDto,
} from './dto/round.dto';
import {
  CouncilMemberView,
  RoundDetailView,
  RoundEventView,
  RoundStateView,
  RoundSummaryView,
  SessionMinutesView,
} from './dto/round.view';
import { RoundsService } from './rounds.service';

/** A step sent to the round's workflow: its validator refuses with 403, 404, 409 or 422 and records nothing. */
function step(summary: string, extra: { notFound?: string; unprocessable?: string; conflict?: string } = {}): MethodDecorator {
  return Documented(summary, {
    ok: { type: RoundStateView, description: 'The round after the step' },
    body: true,
    update: true,
    forbidden: 'OUT_OF_SCOPE: another province; COUNCIL_NOT_MEMBER, COUNCIL_MEMBER_ABSENT: not a member present at the session',
    notFound: ['ROUND_NOT_FOUND (also for a malformed round id)', 'SESSION_NOT_FOUND, SUBMISSION_NOT_FOUND', extra.notFound]
      .filter(Boolean)
      .join(', '),
    conflict: [
      'WRONG_STATE (closed round, open session, item not at this stage), ALREADY_DECIDED, ITEM_NOT_APPROVED, ITEM_DUPLICATE',
      extra.conflict,
    ]
      .filter(Boolean)
      .join(', '),
    unprocessable: [
      'REASON_REQUIRED, COUNCIL_QUORUM_NOT_MET, DATE_OUT_OF_ORDER, UNKNOWN_ITEM, ITEM_WRONG_PROVINCE, NO_RULE_SET_IN_FORCE, ' +
        'GOVERNMENT_FLAG_QUOTA_EXCEEDED, AWARD_DISABLED',
      extra.unprocessable,
    ]
      .filter(Boolean)
      .join(', '),
  });
}

/** The province's award round (issue 15): its steps, its reads, and the council's members. */
@ApiTags('province round')
@Controller({ version: '1' })
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post('rounds')
  @Documented('Mở đợt xét khen thưởng của tỉnh trong năm (Trưởng phòng TĐKT, admin)', {
    ok: { type: RoundStateView, status: 201, description: 'The new round' },
    body: true,
    forbidden: 'OUT_OF_SCOPE: another province',
    notFound: 'PROVINCE_NOT_FOUND',
    conflict: 'ROUND_ALREADY_EXISTS: the province already opened this round of the year',
    unprocessable: 'NO_RULE_SET_IN_FORCE',
  })
  open(@CurrentActor() actor: Actor, @Body() dto: OpenRoundDto) {
    return this.rounds.open(actor, dto);
  }

  @Get('rounds')
  @Documented('Danh sách các đợt xét khen thưởng trong phạm vi người dùng', { ok: { type: [RoundSummaryView] } })
  list(@CurrentActor() actor: Actor, @Query() filter: RoundFilterDto) {
    return this.rounds.list(actor, filter);
  }

  @Get('rounds/:roundId')
  @Documented('Đợt xét khen thưởng: các đề nghị, thẩm định, phiên họp, quyết định, tờ trình; xếp hạng và chỉ tiêu theo nhóm', {
    ok: { type: RoundDetailView },
    notFound: 'ROUND_NOT_FOUND (also out of scope)',
  })
  get(@CurrentActor() actor: Actor, @Param('roundId') roundId: string) {
    return this.rounds.detail(actor, roundId);
  }

  @Get('rounds/:roundId/events')
  @Documented('Nhật ký của đợt xét khen thưởng', { ok: { type: [RoundEventView] }, notFound: 'ROUND_NOT_FOUND' })
  events(@CurrentActor() actor: Actor, @Param('roundId') roundId: string) {
    return this.rounds.events(actor, roundId);
  }

  @Get('rounds/:roundId/sessions/:sessionId/minutes')
  @Documented('Biên bản phiên họp Hội đồng: thành phần dự họp, kết quả bỏ phiếu từng đề nghị', {
    ok: { type: SessionMinutesView },
    notFound: 'ROUND_NOT_FOUND, SESSION_NOT_FOUND',
  })
  minutes(@CurrentActor() actor: Actor, @Param('roundId') roundId: string, @Param('sessionId') sessionId: string) {
    return this.rounds.minutes(actor, roundId, sessionId);
  }

  @Post('rounds/:roundId/items')
  @HttpCode(200)
  @step('Tiếp nhận các đề nghị của một khối (hồ sơ đã được tiếp nhận) vào đợt xét (Trưởng phòng, chuyên viên)', {
    notFound: 'CYCLE_NOT_FOUND',
  })
  handOver(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: HandOverCycleDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.handOverCycle(actor, roundId, dto.cycleId, rid);
  }

  @Post('rounds/:roundId/direct')
  @HttpCode(200)
  @step('Nhập đề nghị trực tiếp của cơ quan, đơn vị ngoài khối (chuyên viên, Trưởng phòng)', { notFound: 'UNIT_NOT_FOUND' })
  proposeDirect(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ProposeDirectDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.proposeDirect(actor, roundId, dto, rid);
  }

  @Post('rounds/:roundId/direct/batch')
  @HttpCode(200)
  @step('Nhập nhiều đề nghị trực tiếp một lần, mỗi đề nghị được kiểm tra như khi nhập riêng (chuyên viên, Trưởng phòng)', {
    notFound: 'UNIT_NOT_FOUND',
  })
  proposeDirectBatch(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ProposeDirectBatchDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.proposeDirectBatch(actor, roundId, dto, rid);
  }

  @Post('rounds/:roundId/appraisal')
  @HttpCode(200)
  @step('Thẩm định từng đề nghị, ý kiến lưu kèm đề nghị (chuyên viên)')
  appraise(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: AppraiseItemsDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'appraiseItems', { actor, ...dto }, rid);
  }

  @Post('rounds/:roundId/appraisal/review')
  @HttpCode(200)
  @step('Duyệt hoặc trả lại danh sách đã thẩm định (Trưởng phòng)')
  reviewList(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ReviewListDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'reviewList', { actor, ...dto }, rid);
  }

  @Post('rounds/:roundId/sessions')
  @HttpCode(200)
  @step('Khai mạc phiên họp Hội đồng: ngày họp và thành phần dự họp, ghi một lần (Trưởng phòng, thư ký Hội đồng)', {
    notFound: 'COUNCIL_MEMBERSHIP_NOT_FOUND: the council has no member on that day',
  })
  openSession(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: OpenSessionDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.openSession(actor, roundId, dto, rid);
  }

  @Post('rounds/:roundId/sessions/:sessionId/votes')
  @HttpCode(200)
  @step('Ghi kết quả kiểm phiếu kín từng đề nghị (thư ký Hội đồng có mặt)')
  vote(
    @Param('roundId') roundId: string,
    @Param('sessionId') sessionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: VoteTalliesDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'voteTallies', { actor, sessionId, ...dto }, rid);
  }

  @Post('rounds/:roundId/sessions/:sessionId/end')
  @HttpCode(200)
  @step('Hoãn (có lý do) hoặc bế mạc phiên họp (Trưởng phòng)')
  endSession(
    @Param('roundId') roundId: string,
    @Param('sessionId') sessionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: EndSessionDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'endSession', { actor, sessionId, ...dto }, rid);
  }

  @Post('rounds/:roundId/decisions')
  @HttpCode(200)
  @step('Quyết định khen thưởng của Chủ tịch UBND tỉnh, kèm danh sách các đề nghị trên toàn tỉnh (Chủ tịch)')
  decide(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: RoundDecisionDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.decide(actor, roundId, dto, rid);
  }

  @Post('rounds/:roundId/upward')
  @HttpCode(200)
  @step('Gửi tờ trình đề nghị Trung ương khen thưởng (Trưởng phòng)')
  submitUpward(
    @Param('roundId') roundId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitUpwardDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'submitUpward', { actor, ...dto }, rid);
  }

  @Post('rounds/:roundId/upward/:submissionId/return')
  @HttpCode(200)
  @step('Ghi nhận Trung ương trả lại hồ sơ để bổ sung (Trưởng phòng)')
  returnUpward(
    @Param('roundId') roundId: string,
    @Param('submissionId') submissionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ReturnUpwardDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'returnUpward', { actor, submissionId, ...dto }, rid);
  }

  @Post('rounds/:roundId/upward/:submissionId/resend')
  @HttpCode(200)
  @step('Gửi lại hồ sơ đã bổ sung (Trưởng phòng)')
  resendUpward(
    @Param('roundId') roundId: string,
    @Param('submissionId') submissionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: ResendUpwardDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'resendUpward', { actor, submissionId, ...dto }, rid);
  }

  @Post('rounds/:roundId/upward/:submissionId/decision')
  @HttpCode(200)
  @step('Ghi nhận quyết định khen thưởng của Trung ương từng đề nghị (Trưởng phòng)')
  centralDecision(
    @Param('roundId') roundId: string,
    @Param('submissionId') submissionId: string,
    @CurrentActor() actor: Actor,
    @Body() dto: CentralDecisionDto,
    @RequestId() rid?: string,
  ) {
    return this.rounds.execute(roundId, 'centralDecision', { actor, submissionId, ...dto }, rid);
  }

  @Post('rounds/:roundId/close')
  @HttpCode(200)
  @step('Kết thúc đợt xét khen thưởng khi mọi đề nghị đã có kết quả (Trưởng phòng)')
  close(@Param('roundId') roundId: string, @CurrentActor() actor: Actor, @RequestId() rid?: string) {
    return this.rounds.execute(roundId, 'closeRound', { actor }, rid);
  }

  @Get('council-members')
  @Documented('Thành viên Hội đồng TĐKT tỉnh (theo ngày, nếu có)', { ok: { type: [CouncilMemberView] } })
  members(@CurrentActor() actor: Actor, @Query() filter: CouncilMemberFilterDto) {
    return this.rounds.members(actor, filter);
  }

  @Post('council-members')
  @Documented('Bổ sung thành viên Hội đồng TĐKT tỉnh với vai trò và ngày bắt đầu (Trưởng phòng, admin)', {
    ok: { type: CouncilMemberView, status: 201, description: 'The membership' },
    body: true,
    forbidden: 'OUT_OF_SCOPE: another province',
    notFound: 'PROVINCE_NOT_FOUND',
  })
  addMember(@CurrentActor() actor: Actor, @Body() dto: AddCouncilMemberDto) {
    return this.rounds.addMember(actor, dto);
  }

  @Post('council-members/:id/end')
  @HttpCode(200)
  @Documented('Kết thúc nhiệm vụ thành viên Hội đồng (Trưởng phòng, admin)', {
    ok: { type: CouncilMemberView, description: 'The ended membership' },
    body: true,
    notFound: 'COUNCIL_MEMBERSHIP_NOT_FOUND (also another province)',
    conflict: 'WRONG_STATE: already ended',
    unprocessable: 'DATE_OUT_OF_ORDER: before its start',
  })
  endMember(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: EndCouncilMemberDto) {
    return this.rounds.endMember(actor, id, dto.validTo);
  }
}
