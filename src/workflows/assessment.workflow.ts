import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { checkCrossScorer, checkLeader, checkUnitActor } from '../domain/authorization';
import { checkScores, totalScore } from '../domain/scores';
import { Role, type Actor } from '../shared/actors';
import type {
  AssessmentInput,
  AssessmentResult,
  AssessmentRound,
  AssessmentState,
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
import { parseCycleId } from '../shared/ids';
import { projection } from './activities';
import { clone, enforce, refuse } from './refusal';
import { scopedUpdates } from './updates';

/**
 * One member unit's self-assessment (tự chấm điểm) within a cycle: the unit prepares and submits scores,
 * its head approves them, an assigned other unit may cross-score them, and the Trưởng khối accepts them,
 * with his own verified scores or as they are, or returns them with a reason for a new round. Each phase
 * keeps its own sheet: the self scores are never changed. A child of the cycle workflow, so the cycle's own
 * history stays bounded however large the bloc is.
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
  const unitLabel = input.unitName;
  const crossScorers = input.crossScorers ?? [];
  const total = (scores: readonly CriterionScore[]) => totalScore(input.criteria, input.criteriaGroups, scores);

  const record = async (type: string, summaryVi: string, actor?: Actor, data?: Record<string, unknown>) => {
    state.version += 1;
    const event: TimelineEvent = {
      id: `${workflowInfo().workflowId}:${state.version}`,
      cycleId: input.cycleId,
      occurredAt: new Date().toISOString(),
      phase: input.phase,
      type,
      actor,
      summaryVi,
      data: { unitCode: input.unitCode, ...data },
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
    if (closed || state.status === 'ACCEPTED' || state.status === 'CLOSED') {
      refuse(ErrorCode.WRONG_PHASE, 'the self-assessment of this unit is closed');
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
      state.rounds.push(round);
      state.status = 'SUBMITTED';
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
      },
    },
  );

  onUpdate(
    approveAssessmentUpdate,
    async (cmd) => {
      const round = current();
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
        enforce(checkUnitActor(cmd.actor, input.unitCode, members, Role.UNIT_HEAD));
        if (state.status !== 'SUBMITTED') refuse(ErrorCode.WRONG_STATE, `nothing awaits approval (status ${state.status})`);
      },
    },
  );

  onUpdate(
    reviewAssessmentUpdate,
    async (cmd) => {
      const round = current();
      const at = new Date().toISOString();
      round.review = { decision: cmd.decision, reason: cmd.reason, by: cmd.actor.userId, at };
      state.status = cmd.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED';
      if (cmd.decision === 'ACCEPT') {
        const scores = cmd.verifiedScores ?? round.scores;
        const verified = { scores, total: total(scores), by: cmd.actor.userId, at, adjusted: cmd.verifiedScores !== undefined };
        round.verified = verified;
        await record(
          'ASSESSMENT_ACCEPTED',
          verified.adjusted
            ? `Trưởng khối chấp nhận bảng tự chấm điểm của ${unitLabel} (tự chấm ${round.total} điểm), điểm thẩm định ${verified.total} điểm`
            : `Trưởng khối chấp nhận bảng tự chấm điểm của ${unitLabel}: ${round.total} điểm`,
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
          `Trưởng khối trả lại bảng tự chấm điểm của ${unitLabel}: ${cmd.reason ?? ''}`,
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
        enforce(checkLeader(cmd.actor, input.leaderUnit, cycle.blocCode));
        if (state.status !== 'UNIT_APPROVED') {
          refuse(ErrorCode.WRONG_STATE, `the unit head has not approved a submission yet (status ${state.status})`);
        }
        if (cmd.decision === 'RETURN' && !cmd.reason?.trim()) {
          refuse(ErrorCode.REASON_REQUIRED, 'a returned self-assessment needs a reason');
        }
        if (cmd.verifiedScores !== undefined) {
          if (cmd.decision !== 'ACCEPT') refuse(ErrorCode.VALIDATION_FAILED, 'verifiedScores go with ACCEPT only');
          enforce(checkScores(input.criteria, cmd.verifiedScores));
        }
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
      await record(
        'ASSESSMENT_CROSS_SCORED',
        `Đơn vị ${scorerUnit} chấm chéo bảng điểm của ${unitLabel} (lần ${round.round}): ${sheet.total} điểm`,
        cmd.actor,
        { round: round.round, scorerUnit, total: sheet.total },
      );
      return state;
    },
    {
      validator: (cmd) => {
        open();
        enforce(checkCrossScorer(cmd.actor, input.unitCode, crossScorers, members));
        if (state.status !== 'UNIT_APPROVED') {
          refuse(
            ErrorCode.WRONG_STATE,
            `cross-scoring is open between the unit head's approval and the review (status ${state.status})`,
          );
        }
        if (current().cross?.some((c) => c.scorerUnit === cmd.actor.unitCode)) {
          refuse(ErrorCode.WRONG_STATE, `${cmd.actor.unitCode} has already cross-scored this round`);
        }
        enforce(checkScores(input.criteria, cmd.scores));
      },
    },
  );

  setHandler(closeAssessmentSignal, () => {
    closed = true;
  });

  await record('ASSESSMENT_OPENED', `Mở tự chấm điểm cho ${unitLabel}, hạn ${input.deadline}`);

  const untilDeadline = Math.max(0, Date.parse(input.deadline) - Date.now());
  const doneBeforeDeadline = await condition(() => state.status === 'ACCEPTED' || closed, untilDeadline);
  if (!doneBeforeDeadline) {
    state.late = true;
    await record('ASSESSMENT_LATE', `${unitLabel} chưa hoàn thành tự chấm điểm khi hết hạn`);
    await condition(() => state.status === 'ACCEPTED' || closed);
  }
  await condition(allHandlersFinished);
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
  };
}
