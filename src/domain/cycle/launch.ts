import { checkLeader } from '../authorization';
import { checkDeadlineAhead, checkDeadlinePast, checkNotBefore } from '../date-order';
import { checkCriteria, checkCrossScoring } from '../scores';
import { addDays, vietnamDate } from '../working-days';
import { Phase, type CycleState, type LaunchCommand } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { checkStepDate, dayOf, enterPhase, requirePhase, rulesOn } from './common';
import { enforce, refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- LAUNCH (phát động) ----

export type LaunchEvent = EventEnvelope & { type: 'LAUNCHED'; launch: NonNullable<CycleState['launch']> };

/**
 * When the launch happened and its default deadlines: a record's count from the launch on paper, not from the day it
 * is entered; the defaults come from the rule set in force then (a launch naming both deadlines needs none in force).
 */
function launchTimes(m: CycleMachine, cmd: LaunchCommand, ctx: CycleContext) {
  const launchedOn = dayOf(ctx, cmd);
  const launchedAt = launchedOn ? new Date(`${launchedOn}T17:00:00+07:00`) : new Date(ctx.now);
  const defaultDeadline = (days: 'defaultPledgeDays' | 'defaultSelfAssessmentDays'): string =>
    addDays(launchedAt, rulesOn(m, launchedOn ?? ctx.today).deadlines[days]).toISOString();
  return { launchedOn, launchedAt, defaultDeadline };
}

export const launchSteps: StepRules = {
  launch: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.LAUNCH);
      return phase.ok ? checkLeader(actor, view.leaderUnit, view.blocCode) : phase;
    },
    check: (m, cmd, ctx) => {
      const recordMode = ctx.facts.recordMode;
      enforce(checkCriteria(cmd.criteria, cmd.criteriaGroups));
      enforce(checkCrossScoring(cmd.crossScoring ?? [], ctx.facts.memberCodes));
      checkStepDate(ctx, cmd, 'the launch');
      const { launchedOn, defaultDeadline } = launchTimes(m, cmd, ctx);
      const launchDay = launchedOn ? { field: 'occurredOn', what: 'the launch', date: launchedOn } : undefined;
      const deadlines = [
        ['pledgeDeadline', cmd.pledgeDeadline, 'defaultPledgeDays'],
        ['selfAssessmentDeadline', cmd.selfAssessmentDeadline, 'defaultSelfAssessmentDays'],
      ] as const;
      if (recordMode) rulesOn(m, launchedOn as string);
      for (const [name, value, defaultDays] of deadlines) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) refuse(ErrorCode.VALIDATION_FAILED, `${name} is not a date`);
        if (!recordMode) {
          if (value !== undefined) enforce(checkDeadlineAhead(name, value, ctx.now));
          continue;
        }
        // A record's deadlines are behind it, so a close after them is one the assessment children can trust.
        const deadline = value ?? defaultDeadline(defaultDays);
        enforce(checkDeadlinePast(name, deadline, ctx.now));
        enforce(checkNotBefore({ field: name, what: 'the deadline', date: vietnamDate(new Date(deadline)) }, launchDay));
      }
      if (
        cmd.pledgeDeadline &&
        cmd.selfAssessmentDeadline &&
        Date.parse(cmd.selfAssessmentDeadline) < Date.parse(cmd.pledgeDeadline)
      )
        refuse(ErrorCode.VALIDATION_FAILED, 'selfAssessmentDeadline must not be before pledgeDeadline');
    },
    events: (m, cmd, ctx) => {
      const recordMode = ctx.facts.recordMode;
      const { launchedOn, launchedAt, defaultDeadline } = launchTimes(m, cmd, ctx);
      const at = new Date(ctx.now).toISOString();
      const launch: LaunchEvent['launch'] = {
        plan: cmd.plan,
        pledgeText: cmd.pledgeText,
        criteria: cmd.criteria,
        criteriaGroups: cmd.criteriaGroups,
        crossScoring: cmd.crossScoring,
        pledgeDeadline: cmd.pledgeDeadline ?? defaultDeadline('defaultPledgeDays'),
        selfAssessmentDeadline: cmd.selfAssessmentDeadline ?? defaultDeadline('defaultSelfAssessmentDays'),
        launchedAt: recordMode ? at : launchedAt.toISOString(),
        launchedBy: cmd.actor.userId,
        ...(launchedOn ? { launchedOn } : {}),
      };
      return [
        {
          type: 'LAUNCHED',
          at,
          actor: cmd.actor,
          on: launchedOn,
          launch,
          data: { criteria: cmd.criteria.length, pledgeDeadline: launch.pledgeDeadline },
        },
      ];
    },
  },
};

export const launchAppliers: Appliers<LaunchEvent> = {
  LAUNCHED: (m, e) => {
    m.view.launch = e.launch;
    enterPhase(m, Phase.PLEDGE, e.launch.launchedOn);
  },
};
