import { checkAssessmentReviewer, checkCrossScorer, checkUnitActor } from '../../authorization';
import { checkRecordedDate, type DatedStep } from '../../date-order';
import { fail, PASS, type Check } from '../../outcome';
import { checkAdjustmentReasons, checkScores, totalScore } from '../../scores';
import { Role } from '../../../shared/actors';
import type { AssessmentRound, AssessmentState, Command, CriterionScore } from '../../../shared/cycle-types';
import { assessmentChainId } from '../../../shared/ids';
import { ErrorCode } from '../../../shared/errors';
import { enforce, refuse } from '../refusal';
import type { AssessmentContext, AssessmentGuardEnv, AssessmentStanding, AssessmentStepRules } from './types';

// ---- What the steps share ----

export const totalOf = (ctx: AssessmentContext, scores: readonly CriterionScore[]): number =>
  totalScore(ctx.facts.criteria, ctx.facts.criteriaGroups, scores);

export const chainIdOf = (ctx: AssessmentContext, round: number): string =>
  assessmentChainId(ctx.facts.cycleId, ctx.facts.unitCode, round);

/** The round the sheet is at; a step on a sheet never submitted is refused. */
export function currentRound(view: AssessmentState): AssessmentRound {
  const round = view.rounds[view.rounds.length - 1];
  if (!round) refuse(ErrorCode.WRONG_STATE, 'no submission yet');
  return round;
}

/** The guard's view of the workflow's own sheet (the inbox builds the same from the read model). */
export function standingOf(view: AssessmentState): AssessmentStanding {
  const current = view.rounds[view.rounds.length - 1];
  return {
    unitCode: view.unitCode,
    status: view.status,
    rounds: view.rounds.length,
    crossScoredBy: (current?.cross ?? []).map((c) => c.scorerUnit),
  };
}

/** RECORD: the day a step happened on paper (checked by its rule); LIVE: none, the step happens now. */
export const dayOf = (ctx: AssessmentContext, cmd: Command): string | undefined =>
  ctx.facts.record ? cmd.occurredOn : undefined;

/** The date a step carries: required, ordered and in range in a RECORD cycle, refused in a LIVE one. */
function checkStepDate(ctx: AssessmentContext, cmd: Command, what: string, ...earlier: (DatedStep | undefined)[]): void {
  const record = ctx.facts.record;
  enforce(
    checkRecordedDate(
      record ? 'RECORD' : 'LIVE',
      { field: 'occurredOn', what, date: cmd.occurredOn },
      { today: ctx.today, year: record?.year ?? ctx.facts.year },
      ...earlier,
    ),
  );
}

/** Each check in turn; the first that fails is the answer. */
function first(...checks: (() => Check)[]): Check {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return PASS;
}

const FINISHED: readonly string[] = ['ACCEPTED', 'CLOSED', 'REJECTED'];

function open(view: AssessmentStanding, env: AssessmentGuardEnv): Check {
  return env.closed || FINISHED.includes(view.status)
    ? fail(ErrorCode.WRONG_PHASE, 'the self-assessment of this unit is closed')
    : PASS;
}

/** In chain mode the unit head and the Trưởng khối decide in the round's chain, not through the fixed steps. */
function fixedSteps(view: AssessmentStanding, env: AssessmentGuardEnv): Check {
  if (!env.chain || view.status === 'UNIT_APPROVED') return PASS;
  const id = env.cycleId ? assessmentChainId(env.cycleId, view.unitCode, view.rounds) : `the round's chain`;
  return fail(
    ErrorCode.WRONG_STATE,
    `this self-assessment is decided in approval chain ${id}: decide there (/v1/approvals/${id})`,
  );
}

// ---- The steps ----

const reviewerWhat = (decision: 'ACCEPT' | 'RETURN') => (decision === 'ACCEPT' ? 'the acceptance' : 'the return');
const headWhat = (decision: 'APPROVE' | 'RETURN' | undefined) =>
  decision === 'RETURN' ? 'the unit head’s return' : 'the unit head’s approval';

export const assessmentSteps: AssessmentStepRules = {
  submitAssessment: {
    guard: (view, actor, env) =>
      first(
        () => open(view, env),
        () => checkUnitActor(actor, view.unitCode, env.seats.memberUnits, Role.UNIT_FOCAL, Role.UNIT_HEAD),
        () =>
          view.status === 'DRAFT' || view.status === 'RETURNED'
            ? PASS
            : fail(ErrorCode.WRONG_STATE, `the unit's submission is ${view.status}, not open for changes`),
      ),
    check: (m, cmd, ctx) => {
      enforce(checkScores(ctx.facts.criteria, cmd.scores));
      checkStepDate(ctx, cmd, 'the submission', m.hidden.lastStep);
    },
    events: (m, cmd, ctx) => {
      const at = new Date(ctx.now).toISOString();
      const number = m.view.rounds.length + 1;
      const round: AssessmentRound = {
        round: number,
        scores: cmd.scores,
        total: totalOf(ctx, cmd.scores),
        submittedBy: cmd.actor.userId,
        submittedAt: at,
      };
      const on = dayOf(ctx, cmd);
      if (on) round.submittedOn = on;
      if (ctx.facts.chain) round.chainId = chainIdOf(ctx, number);
      return [
        {
          type: 'ASSESSMENT_SUBMITTED',
          at,
          actor: cmd.actor,
          on,
          round,
          status: ctx.facts.chain ? 'IN_APPROVAL' : 'SUBMITTED',
          data: { round: number, total: round.total },
        },
      ];
    },
  },

  approveAssessment: {
    guard: (view, actor, env) =>
      first(
        () => open(view, env),
        () => fixedSteps(view, env),
        () => checkUnitActor(actor, view.unitCode, env.seats.memberUnits, Role.UNIT_HEAD),
        () =>
          view.status === 'SUBMITTED' ? PASS : fail(ErrorCode.WRONG_STATE, `nothing awaits approval (status ${view.status})`),
      ),
    check: (m, cmd, ctx) => {
      if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
        refuse(ErrorCode.REASON_REQUIRED, 'a sheet returned to the focal person needs a reason');
      checkStepDate(ctx, cmd, headWhat(cmd.decision), m.hidden.lastStep);
    },
    events: (m, cmd, ctx) => {
      const round = currentRound(m.view);
      const at = new Date(ctx.now).toISOString();
      const on = dayOf(ctx, cmd);
      if (cmd.decision === 'RETURN') {
        const reason = cmd.reason?.trim() ?? '';
        return [
          {
            type: 'ASSESSMENT_RETURNED_BY_UNIT',
            at,
            actor: cmd.actor,
            on,
            round: round.round,
            unitReturn: { reason, by: cmd.actor.userId, at },
            data: { round: round.round, reason },
          },
        ];
      }
      return [
        {
          type: 'ASSESSMENT_APPROVED_BY_UNIT',
          at,
          actor: cmd.actor,
          on,
          round: round.round,
          approvedBy: cmd.actor.userId,
          approvedAt: at,
          data: { round: round.round },
        },
      ];
    },
  },

  reviewAssessment: {
    guard: (view, actor, env) =>
      first(
        () => open(view, env),
        () => fixedSteps(view, env),
        () =>
          checkAssessmentReviewer(actor, view.unitCode, {
            leaderUnit: env.seats.leaderUnit,
            deputyUnit: env.seats.deputyUnit,
            blocCode: env.seats.blocCode,
          }),
        () =>
          view.status === 'UNIT_APPROVED'
            ? PASS
            : fail(ErrorCode.WRONG_STATE, `the unit head has not approved a submission yet (status ${view.status})`),
      ),
    check: (m, cmd, ctx) => {
      if (cmd.decision === 'RETURN' && !cmd.reason?.trim()) {
        refuse(ErrorCode.REASON_REQUIRED, 'a returned self-assessment needs a reason');
      }
      if (cmd.verifiedScores !== undefined) {
        if (cmd.decision !== 'ACCEPT') refuse(ErrorCode.VALIDATION_FAILED, 'verifiedScores go with ACCEPT only');
        enforce(checkScores(ctx.facts.criteria, cmd.verifiedScores));
        enforce(checkAdjustmentReasons(currentRound(m.view).scores, cmd.verifiedScores));
      }
      checkStepDate(ctx, cmd, reviewerWhat(cmd.decision), m.hidden.lastStep);
    },
    events: (m, cmd, ctx) => {
      const round = currentRound(m.view);
      const at = new Date(ctx.now).toISOString();
      const on = dayOf(ctx, cmd);
      // The read side names who reviewed: the Trưởng khối, or the Phó khối for the Trưởng khối's own unit.
      const seat = cmd.actor.unitCode === ctx.facts.seats.leaderUnit ? 'LEADER' : 'DEPUTY';
      const review = { decision: cmd.decision, reason: cmd.reason, by: cmd.actor.userId, at };
      if (cmd.decision === 'ACCEPT') {
        const scores = cmd.verifiedScores ?? round.scores;
        const verified = {
          scores,
          total: totalOf(ctx, scores),
          by: cmd.actor.userId,
          at,
          adjusted: cmd.verifiedScores !== undefined,
        };
        return [
          {
            type: 'ASSESSMENT_ACCEPTED',
            at,
            actor: cmd.actor,
            on,
            round: round.round,
            review,
            verified,
            data: { round: round.round, total: verified.total, selfTotal: round.total, seat },
          },
        ];
      }
      return [
        {
          type: 'ASSESSMENT_RETURNED',
          at,
          actor: cmd.actor,
          on,
          round: round.round,
          review,
          data: { round: round.round, reason: cmd.reason, seat },
        },
      ];
    },
  },

  crossScore: {
    guard: (view, actor, env) =>
      first(
        () => open(view, env),
        () => checkCrossScorer(actor, view.unitCode, env.seats.crossScorers, env.seats.memberUnits),
        () =>
          view.status === 'UNIT_APPROVED' || view.status === 'IN_APPROVAL'
            ? PASS
            : fail(
                ErrorCode.WRONG_STATE,
                `cross-scoring is open between the unit head's approval and the review (status ${view.status})`,
              ),
        () =>
          actor.unitCode !== undefined && view.crossScoredBy.includes(actor.unitCode)
            ? fail(ErrorCode.WRONG_STATE, `${actor.unitCode} has already cross-scored this round`)
            : PASS,
      ),
    check: (m, cmd, ctx) => {
      const approvedOn = currentRound(m.view).approvedOn;
      checkStepDate(
        ctx,
        cmd,
        'the cross-scoring',
        approvedOn ? { field: 'occurredOn', what: 'the unit head’s approval', date: approvedOn } : undefined,
      );
      enforce(checkScores(ctx.facts.criteria, cmd.scores));
    },
    events: (m, cmd, ctx) => {
      const round = currentRound(m.view);
      const scorerUnit = cmd.actor.unitCode as string;
      const at = new Date(ctx.now).toISOString();
      const sheet = { scorerUnit, scores: cmd.scores, total: totalOf(ctx, cmd.scores), by: cmd.actor.userId, at };
      const on = dayOf(ctx, cmd);
      // Dated apart from the unit's own sequence: its day goes with its entry only.
      return [
        {
          type: 'ASSESSMENT_CROSS_SCORED',
          at,
          actor: cmd.actor,
          round: round.round,
          sheet,
          data: { round: round.round, scorerUnit, total: sheet.total, ...(on ? { occurredOn: on } : {}) },
        },
      ];
    },
  },
};
