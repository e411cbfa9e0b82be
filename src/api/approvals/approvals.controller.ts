import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../shared/actors';
import type { ChainDefinition } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor, RequestId } from '../common/actor';
import { DomainException } from '../common/domain.exception';
import { Documented } from '../common/documented';
import { pageOf } from '../common/page.dto';
import {
  BulkDto,
  ChainListQueryDto,
  CommentDto,
  DecisionDto,
  DelegationDto,
  EvidenceDto,
  InboxQueryDto,
  IncidentQueryDto,
  ReassignDto,
  ResubmitDto,
  StartChainDto,
  WithdrawDto,
} from './approvals.dto';
import {
  ApprovalsService,
  ChainStartsThrottled,
  type BulkAnswer,
  type ChainView as Chain,
  type InboxItem,
} from './approvals.service';
import { DelegationsService, type DelegationView as Delegation } from './delegations.service';
import { BulkAnswerView, ChainDefinitionView, ChainView, DelegationView, IncidentView, InboxView } from './approvals.views';
import { BULK_THROTTLED, RateLimited } from '../common/rate-limit';

/** One bulk request runs one workflow update per chain, one after the other: its fan-out is bounded. */
export const BULK_MAX_DECISIONS = 100;
export const BULK_MAX_CHAINS = 50;
export const BULK_MAX_ITEMS = 1000;

function checkBulkBounds(dto: BulkDto): void {
  const chains = new Set(dto.decisions.map((d) => d.chainId)).size;
  const items = dto.decisions.reduce((n, d) => n + d.itemIds.length, 0);
  if (dto.decisions.length > BULK_MAX_DECISIONS || chains > BULK_MAX_CHAINS || items > BULK_MAX_ITEMS) {
    throw new DomainException(
      ErrorCode.TOO_MANY_ITEMS,
      `a bulk request takes at most ${BULK_MAX_DECISIONS} decisions on ${BULK_MAX_CHAINS} chains and ${BULK_MAX_ITEMS} items; ` +
        `got ${dto.decisions.length} decisions on ${chains} chains and ${items} items`,
      {
        messageVi:
          `Yêu cầu có quá nhiều mục: mỗi lần quyết định hàng loạt chỉ được tối đa ${BULK_MAX_DECISIONS} quyết định, ${BULK_MAX_CHAINS} quy trình ` +
          `và ${BULK_MAX_ITEMS} nội dung; vui lòng chia thành nhiều lần.`,
      },
    );
  }
}

/** A command sent to the chain's workflow: its validators refuse with 403, 404, 409 or 422. */
function documented(summary: string): MethodDecorator {
  return Documented(summary, {
    ok: { type: ChainView, description: 'The chain after the command' },
    body: true,
    update: true,
    forbidden: 'NOT_ASSIGNED, FOUR_EYES (own submission), RECUSED (own unit or self is the subject), OUT_OF_SCOPE',
    notFound: 'APPROVAL_CHAIN_NOT_FOUND or APPROVAL_ITEM_NOT_FOUND',
    conflict: 'TASK_ALREADY_DECIDED (the answer names who decided first), ALREADY_DECIDED, WITHDRAW_TOO_LATE, WRONG_STATE',
    unprocessable: 'REASON_REQUIRED',
  });
}

/** Approval chains: started with a definition (data), decided per item through their workflow. */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller({ version: '1' })
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly delegations: DelegationsService,
  ) {}

  @Get('approvals/definitions')
  @Documented('Các quy trình phê duyệt có sẵn (cấp, cách quyết định, thời hạn, nhắc hạn, chuyển cấp)', {
    ok: { type: [ChainDefinitionView] },
  })
  definitions(): ChainDefinition[] {
    return this.approvals.definitions();
  }

  @Post('approvals')
  @Documented('Trình một hồ sơ vào quy trình phê duyệt (mỗi nội dung được quyết định riêng)', {
    ok: { type: ChainView, status: 201, description: 'The chain, its items and its first open tasks' },
    body: true,
    forbidden: 'CHAIN_START_FORBIDDEN: the role may not start this chain; OUT_OF_SCOPE',
    notFound: 'CYCLE_NOT_FOUND, BLOC_NOT_FOUND, UNIT_NOT_FOUND: unknown or out of scope',
    unprocessable: 'APPROVAL_CHAIN_INVALID names each bad field',
    throttled: 'TOO_MANY_CHAIN_STARTS, with Retry-After',
  })
  start(@CurrentActor() actor: Actor, @Body() dto: StartChainDto, @Res({ passthrough: true }) res: Response): Promise<Chain> {
    return this.approvals.start(actor, dto).catch((error: unknown) => {
      if (error instanceof ChainStartsThrottled) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
  }

  @Get('approvals')
  @Documented('Các quy trình phê duyệt của tỉnh', { ok: { type: [ChainView] } })
  list(@CurrentActor() actor: Actor, @Query() query: ChainListQueryDto): Promise<Chain[]> {
    return this.approvals.list(actor, query.provinceCode, pageOf(query, 200));
  }

  @Get('approvals/:chainId')
  @Documented('Một quy trình phê duyệt: nội dung, cấp, người xử lý, sự cố, diễn biến', {
    ok: { type: ChainView },
    notFound: 'APPROVAL_CHAIN_NOT_FOUND',
  })
  get(@CurrentActor() actor: Actor, @Param('chainId') chainId: string): Promise<Chain> {
    return this.approvals.get(actor, chainId);
  }

  @Post('approvals/:chainId/decisions')
  @HttpCode(200)
  @documented('Đồng ý, không đồng ý, hoặc trả lại (có lý do) một hoặc nhiều nội dung')
  decide(
    @CurrentActor() actor: Actor,
    @Param('chainId') chainId: string,
    @Body() dto: DecisionDto,
    @RequestId() rid?: string,
  ): Promise<Chain> {
    return this.approvals.decide(actor, chainId, dto, rid);
  }

  @Post('approvals/bulk')
  @HttpCode(200)
  @RateLimited('bulk')
  @Documented('Quyết định nhiều nội dung một lần: kết quả riêng cho từng nội dung', {
    ok: { type: BulkAnswerView, description: 'One result per item: refusals are answered per item, not as a whole' },
    body: true,
    update: true,
    invalid: `TOO_MANY_ITEMS: more than ${BULK_MAX_DECISIONS} decisions, ${BULK_MAX_CHAINS} chains or ${BULK_MAX_ITEMS} items`,
    throttled: BULK_THROTTLED,
  })
  bulk(@CurrentActor() actor: Actor, @Body() dto: BulkDto, @RequestId() rid?: string): Promise<BulkAnswer> {
    checkBulkBounds(dto);
    return this.approvals.bulk(actor, dto, rid);
  }

  @Post('approvals/:chainId/comments')
  @HttpCode(200)
  @documented('Ghi ý kiến')
  comment(@CurrentActor() actor: Actor, @Param('chainId') chainId: string, @Body() dto: CommentDto, @RequestId() rid?: string) {
    return this.approvals.command(
      chainId,
      { type: 'COMMENT', actor, text: dto.text, ...(dto.itemIds ? { itemIds: dto.itemIds } : {}) },
      rid,
    );
  }

  @Post('approvals/:chainId/evidence')
  @HttpCode(200)
  @documented('Bổ sung tài liệu minh chứng (đường dẫn)')
  evidence(@CurrentActor() actor: Actor, @Param('chainId') chainId: string, @Body() dto: EvidenceDto, @RequestId() rid?: string) {
    return this.approvals.command(
      chainId,
      {
        type: 'ATTACH_EVIDENCE',
        actor,
        references: dto.references.map((r) => ({ ...r })),
        ...(dto.itemIds ? { itemIds: dto.itemIds } : {}),
      },
      rid,
    );
  }

  @Post('approvals/:chainId/withdraw')
  @HttpCode(200)
  @documented('Người trình rút nội dung khi cấp đang xử lý chưa cho ý kiến')
  withdraw(@CurrentActor() actor: Actor, @Param('chainId') chainId: string, @Body() dto: WithdrawDto, @RequestId() rid?: string) {
    return this.approvals.command(
      chainId,
      { type: 'WITHDRAW', actor, itemIds: dto.itemIds, ...(dto.reason ? { reason: dto.reason } : {}) },
      rid,
    );
  }

  @Post('approvals/:chainId/resubmit')
  @HttpCode(200)
  @documented('Người trình trình lại nội dung đã bổ sung (bắt đầu lại từ cấp đầu, vòng mới)')
  resubmit(@CurrentActor() actor: Actor, @Param('chainId') chainId: string, @Body() dto: ResubmitDto, @RequestId() rid?: string) {
    return this.approvals.command(
      chainId,
      { type: 'RESUBMIT', actor, itemIds: dto.itemIds, ...(dto.note ? { note: dto.note } : {}) },
      rid,
    );
  }

  @Post('approvals/:chainId/reassign')
  @HttpCode(200)
  @AllowRoles(Role.ADMIN)
  @documented('Giao lại người xử lý một cấp, có lý do (quản trị); khắc phục sự cố không có người xử lý')
  reassign(@CurrentActor() actor: Actor, @Param('chainId') chainId: string, @Body() dto: ReassignDto, @RequestId() rid?: string) {
    return this.approvals.reassign(actor, chainId, dto, rid);
  }

  @Get('inbox')
  @ApiOperation({
    summary:
      'Việc chờ xử lý của tôi, mọi chu kỳ và tỉnh: ý kiến trong quy trình phê duyệt và các bước của chu kỳ thi đua; lọc theo tỉnh, khối, chu kỳ, giai đoạn, hạn, quá hạn',
    description: [
      'Two kinds of item, sorted by due date (undated last), then title:',
      '- `APPROVAL` (action `APPROVAL_DECISION`): a decision waiting at one level of an approval chain (chainId, levelCode, items, actingFor).',
      '- `CYCLE_STEP`: a step of a cycle that the workflow would accept from the acting person now, derived from the read model:',
      '  LAUNCH, CLOSE_SELF_ASSESSMENT, OPEN_CONFERENCE, OPEN_BALLOT, CLOSE_BALLOT, SUBMIT_DOSSIER, REVIEW_ASSESSMENT (per unit) for the Trưởng khối;',
      '  SIGN_PLEDGE, APPROVE_ASSESSMENT, CROSS_SCORE, CAST_BALLOT (whether the unit has voted, never how) for a unit head; SUBMIT_ASSESSMENT',
      '  for the focal person (the head where the unit has none); DECIDE_TIE for the Trưởng and Phó khối; REVIEW_DOSSIER, APPRAISE for the',
      '  board specialist; APPROVE_APPRAISAL, COUNCIL_VOTE for the head of the board; DECIDE for the chairman; APPROVE_LEADERSHIP for both.',
      '  Fields: id (`<cycleId>/<action>[/<unitCode>]`), title (Vietnamese), provinceCode, blocCode, cycleId, phase, dueAt?, overdue, unitCode?.',
      "Scope: the board's roles see their province's cycles, a unit's people their unit's cycles; admin and auditor get no cycle steps.",
    ].join('\n'),
  })
  @Documented('Việc chờ xử lý của tôi', {
    ok: { type: InboxView, description: 'APPROVAL and CYCLE_STEP items, filtered and sorted' },
  })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<{ items: InboxItem[] }> {
    return this.approvals.inbox(actor, query);
  }

  @Get('incidents')
  @AllowRoles(Role.ADMIN, Role.AUDITOR)
  @Documented('Sự cố: cấp phê duyệt không có người xử lý (quản trị, kiểm tra)', { ok: { type: [IncidentView] } })
  incidents(@CurrentActor() actor: Actor, @Query() query: IncidentQueryDto) {
    return this.approvals.incidents(actor, query.open !== 'false', query.provinceCode, pageOf(query));
  }

  @Post('delegations')
  @Documented('Ủy quyền hoặc báo vắng mặt có thời hạn; áp dụng khi giao việc, không ủy quyền tiếp', {
    ok: { type: DelegationView, status: 201, description: 'The delegation' },
    body: true,
    notFound: 'USER_NOT_FOUND',
  })
  delegate(@CurrentActor() actor: Actor, @Body() dto: DelegationDto): Promise<Delegation> {
    return this.delegations.create(actor, dto);
  }

  @Get('delegations')
  @Documented('Các ủy quyền của tôi (quản trị, kiểm tra: tất cả)', { ok: { type: [DelegationView] } })
  delegationsList(@CurrentActor() actor: Actor): Promise<Delegation[]> {
    return this.delegations.list(actor);
  }

  @Post('delegations/:delegationId/end')
  @HttpCode(200)
  @Documented('Kết thúc ủy quyền', { ok: { type: DelegationView }, notFound: 'DELEGATION_NOT_FOUND' })
  endDelegation(@CurrentActor() actor: Actor, @Param('delegationId') id: string): Promise<Delegation> {
    return this.delegations.end(actor, id);
  }
}
