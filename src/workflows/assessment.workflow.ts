import { allHandlersFinished, CancellationScope, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { checkRecordedDate, type DatedStep } from '../domain/date-order';
import { vietnamDate } from '../domain/working-days';
import { checkAssessmentReviewer, checkCrossScorer, checkUnitActor } from '../domain/authorization';
import { checkAdjustmentReasons, checkScores, totalScore } from '../domain/scores';
import { Role, type Actor } from '../shared/actors';
import type {
  AssessmentInput,
  AssessmentResult,
  AssessmentRound,
  AssessmentState,
  Command,
  CriterionScore,
  TimelineEvent,
} from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import {
  approveAssessmentUpdate,
  assessmentStateQuery,
  closeAssessmentSignal,
  crossScoreUpdate,
  reviewAssessmentUpdate,
  submitAssessmentUpdate,
} from '../shared/messages';
import { assessmentChainId, parseCycleId } from '../shared/ids';
import { ItemStatus } from '../shared/approval';
import { projection } from './activities';
import { approvalAt, itemResult, runCancellableStepChain } from './chain-step';
import { clone, enforce, refuse } from './refusal';
import { acceptCloseSignal } from './sealed';
import { scopedUpdates } from './updates';
import { PATCH_RECORD_MODE } from './record-mode';

/**
 * One member unit's self-assessment (tự chấm điểm) within a cycle: the unit prepares and submits scores,
 * its head approves them, an assigned other unit may cross-score them, and the Trưởng khối accepts them,
 * with his own verified scores or as they are, or returns them with a reason for a new round. Each phase
 * keeps its own sheet: the self scores are never changed. A child of the cycle workflow, so the cycle's own
 * history stays bounded however large the bloc is.
 *
 * Where the rule set runs these approvals as a chain (input.chain), each submission opens its own approval chain
 * (child workflow `<this id>.review.<round>`): its levels (e.g. the unit's head, then the Trưởng khối) decide it through
 * /v1/approvals, the fixed approve and review steps are refused, and a return brings new scores through the submit step,
 * which opens the next round's chain. The Trưởng khối's approval verifies the self scores as they are.
 */
export async function unitAssessmentWorkflow(input: AssessmentInput): Promise<AssessmentResult> {
  const cycle = parseCycleId(input.cycleId);
  if (!cycle) throw new Error(`not a cycle id: ${input.cycleId}`);
  const onUpdate = scopedUpdates(cycle.provinceCode);
  const state: AssessmentState = {
    cycleId: input.cycleId,
    unitCode: input.unitCode,
    status: 'DRAFT',
    late: false,
    deadline: input.deadline,
    version: 0,
    rounds: [],
  };
  let closed = false;
  const chain = input.chain;
  let chainScope: CancellationScope | undefined;
  const chainIdOf = (round: number) => assessmentChainId(input.cycleId, input.unitCode, round);
  const unitLabel = input.unitName;
  const crossScorers = input.crossScorers ?? [];
  const total = (scores: readonly CriterionScore[]) => totalScore(input.criteria, input.criteriaGroups, scores);
  // RECORD: no deadline timer; each step carries the day it happened, none before the unit's previous step.
  const recordOf = input.record !== undefined && patched(PATCH_RECORD_MODE) ? input.record : undefined;
  let lastStep: DatedStep | undefined = recordOf
    ? { field: 'occurredOn', what: 'the opening of the self-assessment', date: recordOf.openedOn }
    : undefined;
  const dayOf = (cmd: Command): string | undefined => (recordOf ? cmd.occurredOn : undefined);
  const checkStepDate = (cmd: Command, what: string, ...earlier: (DatedStep | undefined)[]) =>
    enforce(
      checkRecordedDate(
        recordOf ? 'RECORD' : 'LIVE',
        { field: 'occurredOn', what, date: cmd.occurredOn },
        { today: vietnamDate(new Date()), year: recordOf?.year ?? cycle.year },
        ...earlier,
      ),
    );
  const stepDone = (what: string, on: string | undefined) => {
    if (on) lastStep = { field: 'occurredOn', what, date: on };
  };

  const record = async (type: string, summaryVi: string, actor?: Actor, data?: Record<string, unknown>) => {
    const on = lastStep && recordOf ? lastStep.date : undefined;
    state.version += 1;
    const event: TimelineEvent = {
      id: `${workflowInfo().workflowId}:${state.version}`,
      cycleId: input.cycleId,
      occurredAt: new Date().toISOString(),
      phase: input.phase,
      type,
      actor,
      summaryVi,
      // A step dated apart from the unit's sequence (a cross-scoring) passes its own occurredOn in `data`.
      data: { unitCode: input.unitCode, ...(on ? { occurredOn: on } : {}), ...data },
    };
    await projection.projectAssessment({ state: clone(state), event });
  };
  const current = (): AssessmentRound => {
    const round = state.rounds[state.rounds.length - 1];
    if (!round) refuse(ErrorCode.WRONG_STATE, 'no submission yet');
    return round;
  };
  const members = input.memberUnits;
  const open = () => {
    if (closed || state.status === 'ACCEPTED' || state.status === 'CLOSED' || state.status === 'REJECTED') {
      refuse(ErrorCode.WRONG_PHASE, 'the self-assessment of this unit is closed');
    }
  };
  /** In chain mode the unit head and the Trưởng khối decide in the round's chain, not through the fixed steps. */
  const requireFixedSteps = () => {
    if (chain && state.status !== 'UNIT_APPROVED') {
      const id = chainIdOf(state.rounds.length);
      refuse(
        ErrorCode.WRONG_STATE,
        `this self-assessment is decided in approval chain ${id}: decide there (/v1/approvals/${id})`,
      );
    }
  };

  setHandler(assessmentStateQuery, () => state);

  onUpdate(
    submitAssessmentUpdate,
    async (cmd) => {
      const round: AssessmentRound = {
        round: state.rounds.length + 1,
        scores: cmd.scores,
        total: total(cmd.scores),
        submittedBy: cmd.actor.userId,
        submittedAt: new Date().toISOString(),
      };
      const on = dayOf(cmd);
      if (on) round.submittedOn = on;
      stepDone('the submission', on);
      if (chain) round.chainId = chainIdOf(round.round);
      state.rounds.push(round);
      state.status = chain ? 'IN_APPROVAL' : 'SUBMITTED';
      await record(
        'ASSESSMENT_SUBMITTED',
        `${unitLabel} nộp bảng tự chấm điểm (lần ${round.round}), tổng ${round.total} điểm`,
        cmd.actor,
        { round: round.round, total: round.total },
      );
      return state;
    },
    {
      validator: (cmd) => {
        open();
        enforce(checkUnitActor(cmd.actor, input.unitCode, members, Role.UNIT_FOCAL, Role.UNIT_HEAD));
        if (state.status !== 'DRAFT' && state.status !== 'RETURNED') {
          refuse(ErrorCode.WRONG_STATE, `the unit's submission is ${state.status}, not open for changes`);
        }
        enforce(checkScores(input.criteria, cmd.scores));
        checkStepDate(cmd, 'the submission', lastStep);
      },
    },
  );

  onUpdate(
    approveAssessmentUpdate,
    async (cmd) => {
      const round = current();
      const on = dayOf(cmd);
      if (on && cmd.decision !== 'RETURN') round.approvedOn = on;
      stepDone(cmd.decision === 'RETURN' ? 'the unit head’s return' : 'the unit head’s approval', on);
      if (cmd.decision === 'RETURN') {
        const reason = cmd.reason?.trim() ?? '';
        round.unitReturn = { reason, by: cmd.actor.userId, at: new Date().toISOString() };
        state.status = 'RETURNED';
        await record(
          'ASSESSMENT_RETURNED_BY_UNIT',
          `Thủ trưởng ${unitLabel} trả lại bảng tự chấm điểm (lần ${round.round}) cho cán bộ đầu mối: ${reason}`,
          cmd.actor,
          { round: round.round, reason },
        );
        return state;
      }
      round.approvedBy = cmd.actor.userId;
      round.approvedAt = new Date().toISOString();
      state.status = 'UNIT_APPROVED';
      await record(
        'ASSESSMENT_APPROVED_BY_UNIT',
        `Thủ trưởng ${unitLabel} phê duyệt bảng tự chấm điểm (lần ${round.round})`,
        cmd.actor,
        {
          round: round.round,
        },
      );
      return state;
    },
    {
      validator: (cmd) => {
        open();
        requireFixedSteps();
        enforce(checkUnitActor(cmd.actor, input.unitCode, members, Role.UNIT_HEAD));
        if (state.status !== 'SUBMITTED') refuse(ErrorCode.WRONG_STATE, `nothing awaits approval (status ${state.status})`);
        if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
          refuse(ErrorCode.REASON_REQUIRED, 'a sheet returned to the focal person needs a reason');
        checkStepDate(cmd, cmd.decision === 'RETURN' ? 'the unit head’s return' : 'the unit head’s approval', lastStep);
      },
    },
  );

  onUpdate(
    reviewAssessmentUpdate,
    async (cmd) => {
      const round = current();
      const at = new Date().toISOString();
      const on = dayOf(cmd);
      if (on) round.reviewedOn = on;
      stepDone(cmd.decision === 'ACCEPT' ? 'the acceptance' : 'the return', on);
      const reviewer = cmd.actor.unitCode === input.leaderUnit ? 'Trưởng khối' : 'Phó khối';
      round.review = { decision: cmd.decision, reason: cmd.reason, by: cmd.actor.userId, at };
      state.status = cmd.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED';
      if (cmd.decision === 'ACCEPT') {
        const scores = cmd.verifiedScores ?? round.scores;
        const verified = { scores, total: total(scores), by: cmd.actor.userId, at, adjusted: cmd.verifiedScores !== undefined };
        round.verified = verified;
        await record(
          'ASSESSMENT_ACCEPTED',
          verified.adjusted
            ? `${reviewer} chấp nhận bảng tự chấm điểm của ${unitLabel} (tự chấm ${round.total} điểm), điểm thẩm định ${verified.total} điểm`
            : `${reviewer} chấp nhận bảng tự chấm điểm của ${unitLabel}: ${round.total} điểm`,
          cmd.actor,
          {
            round: round.round,
            total: verified.total,
            selfTotal: round.total,
          },
        );
      } else {
        await record(
          'ASSESSMENT_RETURNED',
          `${reviewer} trả lại bảng tự chấm điểm của ${unitLabel}: ${cmd.reason ?? ''}`,
          cmd.actor,
          {
            round: round.round,
            reason: cmd.reason,
          },
        );
      }
      return state;
    },
    {
      validator: (cmd) => {
        open();
        requireFixedSteps();
        enforce(
          checkAssessmentReviewer(cmd.actor, input.unitCode, {
            leaderUnit: input.leaderUnit,
            deputyUnit: input.deputyUnit,
            blocCode: cycle.blocCode,
          }),
        );
        if (state.status !== 'UNIT_APPROVED') {
          refuse(ErrorCode.WRONG_STATE, `the unit head has not approved a submission yet (status ${state.status})`);
        }
        if (cmd.decision === 'RETURN' && !cmd.reason?.trim()) {
          refuse(ErrorCode.REASON_REQUIRED, 'a returned self-assessment needs a reason');
        }
        if (cmd.verifiedScores !== undefined) {
          if (cmd.decision !== 'ACCEPT') refuse(ErrorCode.VALIDATION_FAILED, 'verifiedScores go with ACCEPT only');
          enforce(checkScores(input.criteria, cmd.verifiedScores));
          enforce(checkAdjustmentReasons(current().scores, cmd.verifiedScores));
        }
        checkStepDate(cmd, cmd.decision === 'ACCEPT' ? 'the acceptance' : 'the return', lastStep);
      },
    },
  );

  onUpdate(
    crossScoreUpdate,
    async (cmd) => {
      const round = current();
      const scorerUnit = cmd.actor.unitCode as string;
      const sheet = {
        scorerUnit,
        scores: cmd.scores,
        total: total(cmd.scores),
        by: cmd.actor.userId,
        at: new Date().toISOString(),
      };
      round.cross = [...(round.cross ?? []), sheet];
      const on = dayOf(cmd);
      await record(
        'ASSESSMENT_CROSS_SCORED',
        `Đơn vị ${scorerUnit} chấm chéo bảng điểm của ${unitLabel} (lần ${round.round}): ${sheet.total} điểm`,
        cmd.actor,
        { round: round.round, scorerUnit, total: sheet.total, ...(on ? { occurredOn: on } : {}) },
      );
      return state;
    },
    {
      validator: (cmd) => {
        open();
        enforce(checkCrossScorer(cmd.actor, input.unitCode, crossScorers, members));
        if (state.status !== 'UNIT_APPROVED' && state.status !== 'IN_APPROVAL') {
          refuse(
            ErrorCode.WRONG_STATE,
            `cross-scoring is open between the unit head's approval and the review (status ${state.status})`,
          );
        }
        if (current().cross?.some((c) => c.scorerUnit === cmd.actor.unitCode)) {
          refuse(ErrorCode.WRONG_STATE, `${cmd.actor.unitCode} has already cross-scored this round`);
        }
        const approvedOn = current().approvedOn;
        checkStepDate(
          cmd,
          'the cross-scoring',
          approvedOn ? { field: 'occurredOn', what: 'the unit head’s approval', date: approvedOn } : undefined,
        );
        enforce(checkScores(input.criteria, cmd.scores));
      },
    },
  );

  setHandler(closeAssessmentSignal, () => {
    if (!acceptCloseSignal(input.deadline)) return;
    closed = true;
    chainScope?.cancel();
  });

  /** Chain mode: each submission's chain, one after the other, until the sheet is accepted, rejected or closed. */
  const decideInChains = async (config: NonNullable<typeof chain>): Promise<void> => {
    for (;;) {
      await condition(() => closed || state.status === 'ACCEPTED' || (state.status === 'IN_APPROVAL' && allHandlersFinished()));
      if (state.status !== 'IN_APPROVAL' || closed) return;
      const round = current();
      const chainId = round.chainId as string;
      chainScope = new CancellationScope();
      const itemId = `tu-cham-diem-${round.round}`;
      const result = await runCancellableStepChain(
        {
          chainId,
          definition: config.definition,
          subject: {
            provinceCode: cycle.provinceCode,
            blocCode: cycle.blocCode,
            cycleId: input.cycleId,
            unitCode: input.unitCode,
            title: `Bảng tự chấm điểm năm ${cycle.year} – ${unitLabel} (lần ${round.round})`,
          },
          submittedBy: { userId: round.submittedBy, unitCode: input.unitCode },
          items: [{ itemId, title: `Bảng tự chấm điểm của ${unitLabel}, ${round.total} điểm` }],
          returnsEndChain: true,
          firstRound: round.round,
          calendar: config.calendar,
          extraDaysOff: config.extraDaysOff,
          cancelReason: 'Kết thúc giai đoạn tự chấm điểm',
        },
        chainScope,
      );
      chainScope = undefined;
      if (!result) return;
      const { item, last } = itemResult(result, itemId);
      const at = last?.at ?? new Date().toISOString();
      const by = last?.userId ?? 'system';
      const unitApproval = approvalAt(result, itemId, 0);
      if (unitApproval) {
        round.approvedBy = unitApproval.userId;
        round.approvedAt = unitApproval.at;
      }
      if (item.status === ItemStatus.APPROVED) {
        round.review = { decision: 'ACCEPT', by, at };
        round.verified = { scores: round.scores, total: round.total, by, at, adjusted: false };
        state.status = 'ACCEPTED';
        await record(
          'ASSESSMENT_ACCEPTED',
          `Quy trình phê duyệt chấp nhận bảng tự chấm điểm của ${unitLabel}: ${round.total} điểm`,
          undefined,
          {
            round: round.round,
            total: round.total,
            selfTotal: round.total,
            chainId,
            by,
          },
        );
        return;
      }
      if (item.status === ItemStatus.RETURNED) {
        round.review = { decision: 'RETURN', reason: last?.reason, by, at };
        state.status = 'RETURNED';
        await record('ASSESSMENT_RETURNED', `Trả lại bảng tự chấm điểm của ${unitLabel}: ${last?.reason ?? ''}`, undefined, {
          round: round.round,
          reason: last?.reason,
          chainId,
          by,
        });
      } else if (item.status === ItemStatus.ESCALATED) {
        // Returned more often than allowed, escalated: the Trưởng khối decides it through the fixed review.
        state.status = 'UNIT_APPROVED';
        await record(
          'ASSESSMENT_ESCALATED',
          `Bảng tự chấm điểm của ${unitLabel} bị trả lại quá số lần; chuyển Trưởng khối xem xét`,
          undefined,
          {
            round: round.round,
            chainId,
          },
        );
      } else if (item.status === ItemStatus.WITHDRAWN) {
        state.status = 'DRAFT';
        await record('ASSESSMENT_WITHDRAWN', `${unitLabel} rút bảng tự chấm điểm (lần ${round.round}) để chỉnh sửa`, undefined, {
          round: round.round,
          reason: last?.reason,
          chainId,
        });
      } else {
        round.review = { decision: 'REJECT', reason: last?.reason, by, at };
        state.status = 'REJECTED';
        await record(
          'ASSESSMENT_REJECTED',
          `Không chấp nhận bảng tự chấm điểm của ${unitLabel}: ${last?.reason ?? ''}`,
          undefined,
          {
            round: round.round,
            reason: last?.reason,
            chainId,
            by,
          },
        );
        return;
      }
    }
  };

  await record('ASSESSMENT_OPENED', `Mở tự chấm điểm cho ${unitLabel}, hạn ${input.deadline}`);
  const chains = chain ? decideInChains(chain) : Promise.resolve();

  const finished = () => state.status === 'ACCEPTED' || state.status === 'REJECTED' || closed;
  const untilDeadline = Math.max(0, Date.parse(input.deadline) - Date.now());
  const doneBeforeDeadline = recordOf ? (await condition(finished), true) : await condition(finished, untilDeadline);
  if (!doneBeforeDeadline) {
    state.late = true;
    await record('ASSESSMENT_LATE', `${unitLabel} chưa hoàn thành tự chấm điểm khi hết hạn`);
    await condition(finished);
  }
  await chains;
  await condition(allHandlersFinished);
  if (state.status === 'REJECTED') {
    return { unitCode: input.unitCode, outcome: 'REJECTED', selfTotal: current().total, rounds: state.rounds.length };
  }
  if (state.status !== 'ACCEPTED') {
    state.status = 'CLOSED';
    await record('ASSESSMENT_CLOSED', `Kết thúc tự chấm điểm của ${unitLabel}: không có kết quả được chấp nhận`);
  }
  const accepted = state.status === 'ACCEPTED' ? state.rounds[state.rounds.length - 1] : undefined;
  return {
    unitCode: input.unitCode,
    outcome: accepted ? 'ACCEPTED' : 'LATE',
    scores: accepted?.verified?.scores ?? accepted?.scores,
    total: accepted?.verified?.total ?? accepted?.total,
    selfTotal: accepted?.total,
    rounds: state.rounds.length,
    ...(recordOf && lastStep ? { lastOn: lastStep.date } : {}),
  };
}
