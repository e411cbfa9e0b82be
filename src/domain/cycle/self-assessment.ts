import { checkLeader } from '../authorization';
import { latestDate } from '../date-order';
import { PASS, fail } from '../outcome';
import { Phase, type AssessmentResult, type UnitAssessmentSummary } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { checkStepDate, dayOf, deadlineDay, enterPhase, phaseOpened, requirePhase } from './common';
import { refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- SELF_ASSESSMENT (tự chấm điểm): each unit's sheet is its child workflow's; the cycle takes their results ----

export type SelfAssessmentEvent = EventEnvelope &
  (
    | { type: 'SELF_ASSESSMENT_CLOSE_REQUESTED' }
    | { type: 'ASSESSMENT_FINISHED'; unitCode: string; summary: UnitAssessmentSummary }
    | { type: 'SELF_ASSESSMENT_CLOSED'; late: string[] }
  );

export const selfAssessmentSteps: StepRules = {
  closeSelfAssessment: {
    guard: (view, actor, env) => {
      const phase = requirePhase(view, Phase.SELF_ASSESSMENT);
      if (!phase.ok) return phase;
      const leader = checkLeader(actor, view.leaderUnit, view.blocCode);
      if (!leader.ok) return leader;
      const deadline = view.launch?.selfAssessmentDeadline;
      return deadline && env.now < Date.parse(deadline)
        ? fail(ErrorCode.DEADLINE_NOT_REACHED, `self-assessment is open until ${deadline}`)
        : PASS;
    },
    check: (m, cmd, ctx) => {
      if (m.hidden.closeSelfAssessmentRequested) refuse(ErrorCode.WRONG_STATE, 'closing has already been requested');
      checkStepDate(
        ctx,
        cmd,
        'the close of the self-assessment',
        phaseOpened(m.view, Phase.SELF_ASSESSMENT, 'the opening of the self-assessment'),
        deadlineDay('selfAssessmentDeadline', 'the self-assessment deadline', m.view.launch?.selfAssessmentDeadline),
      );
    },
    events: (_m, cmd, ctx) => [
      { type: 'SELF_ASSESSMENT_CLOSE_REQUESTED', at: new Date(ctx.now).toISOString(), actor: cmd.actor, on: dayOf(ctx, cmd) },
    ],
  },
};

/** A unit's assessment child finished: its outcome and verified scores (no timeline entry of the cycle's own). */
export function assessmentFinished(ctx: CycleContext, result: AssessmentResult): SelfAssessmentEvent[] {
  const summary: UnitAssessmentSummary = {
    status: result.outcome,
    total: result.total,
    selfTotal: result.selfTotal,
    scores: result.scores,
    rounds: result.rounds,
  };
  return [{ type: 'ASSESSMENT_FINISHED', at: new Date(ctx.now).toISOString(), silent: true, unitCode: result.unitCode, summary }];
}

/**
 * Every unit's assessment finished or was closed: the units without an accepted sheet are late and the conference
 * opens. RECORD: on the day of the explicit close, else of the latest of the pledge close and the units' last steps.
 */
export function selfAssessmentClosed(
  m: CycleMachine,
  ctx: CycleContext,
  pledgeClosedOn: string | undefined,
  results: readonly AssessmentResult[],
): SelfAssessmentEvent[] {
  const late = m.view.units.map((u) => u.code).filter((c) => m.view.assessments[c]?.status !== 'ACCEPTED');
  const on = ctx.facts.recordMode
    ? (m.hidden.closeSelfAssessmentOn ?? latestDate([pledgeClosedOn, ...results.map((r) => r.lastOn)]))
    : undefined;
  return [{ type: 'SELF_ASSESSMENT_CLOSED', at: new Date(ctx.now).toISOString(), on, late, data: { late } }];
}

export const selfAssessmentAppliers: Appliers<SelfAssessmentEvent> = {
  SELF_ASSESSMENT_CLOSE_REQUESTED: (m, e) => {
    m.hidden.closeSelfAssessmentRequested = true;
    m.hidden.closeSelfAssessmentOn = e.on;
  },
  ASSESSMENT_FINISHED: (m, e) => {
    m.view.assessments[e.unitCode] = e.summary;
  },
  SELF_ASSESSMENT_CLOSED: (m, e) => {
    if (e.late.length > 0) m.view.lateUnits[Phase.SELF_ASSESSMENT] = e.late;
    enterPhase(m, Phase.CONFERENCE, e.on);
  },
};
