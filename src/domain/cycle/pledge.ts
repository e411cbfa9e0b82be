import { checkUnitActor, checkLeader } from '../authorization';
import { latestDate } from '../date-order';
import { PASS, fail } from '../outcome';
import { Role } from '../../shared/actors';
import { Phase, type PledgeSignature } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { checkStepDate, dayOf, deadlineDay, enterPhase, phaseOpened, requirePhase } from './common';
import { refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- PLEDGE (ký kết giao ước) ----

export type PledgeEvent = EventEnvelope &
  (
    | { type: 'PLEDGE_SIGNED'; unitCode: string; signature: PledgeSignature }
    | { type: 'PLEDGE_CLOSE_REQUESTED' }
    | { type: 'PLEDGE_CLOSED'; late: string[] }
  );

const members = (view: { units: { code: string }[] }): string[] => view.units.map((u) => u.code);

export const pledgeSteps: StepRules = {
  signPledge: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.PLEDGE);
      if (!phase.ok) return phase;
      const unitActor = checkUnitActor(actor, actor.unitCode ?? '', members(view), Role.UNIT_HEAD);
      if (!unitActor.ok) return unitActor;
      return view.pledges[actor.unitCode as string]
        ? fail(ErrorCode.ALREADY_SIGNED, `${actor.unitCode} has already signed`)
        : PASS;
    },
    check: (m, cmd, ctx) => {
      if (m.hidden.closePledgesOn) refuse(ErrorCode.WRONG_STATE, 'the pledge phase has been closed');
      checkStepDate(ctx, cmd, 'the pledge', phaseOpened(m.view, Phase.PLEDGE, 'the launch'));
    },
    events: (_m, cmd, ctx) => {
      const unitCode = cmd.actor.unitCode as string;
      const signedOn = dayOf(ctx, cmd);
      const at = new Date(ctx.now).toISOString();
      return [
        {
          type: 'PLEDGE_SIGNED',
          at,
          actor: cmd.actor,
          on: signedOn,
          unitCode,
          signature: { signedAt: at, signedBy: cmd.actor.userId, ...(signedOn ? { signedOn } : {}) },
          data: { unitCode },
        },
      ];
    },
  },

  // A record's pledge phase closes when every unit has signed, or by the Trưởng khối after the deadline on paper.
  closePledges: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.PLEDGE);
      if (!phase.ok) return phase;
      const leader = checkLeader(actor, view.leaderUnit, view.blocCode);
      if (!leader.ok) return leader;
      return view.mode === 'RECORD'
        ? PASS
        : fail(ErrorCode.WRONG_STATE, 'in a live year the pledge phase closes at its deadline');
    },
    check: (m, cmd, ctx) => {
      if (m.hidden.closePledgesOn) refuse(ErrorCode.WRONG_STATE, 'closing has already been requested');
      const lastPledge = latestDate(Object.values(m.view.pledges).map((p) => p.signedOn));
      checkStepDate(
        ctx,
        cmd,
        'the close of the pledges',
        phaseOpened(m.view, Phase.PLEDGE, 'the launch'),
        lastPledge ? { field: 'occurredOn', what: 'the last pledge', date: lastPledge } : undefined,
        deadlineDay('pledgeDeadline', 'the pledge deadline', m.view.launch?.pledgeDeadline),
      );
    },
    events: (_m, cmd, ctx) => [
      { type: 'PLEDGE_CLOSE_REQUESTED', at: new Date(ctx.now).toISOString(), actor: cmd.actor, on: dayOf(ctx, cmd), data: {} },
    ],
  },
};

// ---- The main line: the pledge phase closes (all signed, the deadline, or the Trưởng khối's close on paper) ----

/** Whether every member unit has signed its pledge. */
export const allSigned = (m: CycleMachine): boolean => members(m.view).every((c) => m.view.pledges[c]);

/** RECORD: the day the pledge phase closed on paper (the explicit close, else the last pledge, else the launch). */
export function pledgeCloseDay(m: CycleMachine, ctx: CycleContext): string | undefined {
  if (!ctx.facts.recordMode) return undefined;
  return m.hidden.closePledgesOn ?? latestDate(Object.values(m.view.pledges).map((p) => p.signedOn)) ?? m.view.launch?.launchedOn;
}

/**
 * The pledge phase closed: the units that did not sign are late, every unit's self-assessment is pending and the
 * self-assessment opens. The shell starts the units' assessment children before it applies this.
 */
export function pledgeClosed(m: CycleMachine, ctx: CycleContext): PledgeEvent[] {
  const late = members(m.view).filter((c) => !m.view.pledges[c]);
  return [{ type: 'PLEDGE_CLOSED', at: new Date(ctx.now).toISOString(), on: pledgeCloseDay(m, ctx), late, data: { late } }];
}

export const pledgeAppliers: Appliers<PledgeEvent> = {
  PLEDGE_SIGNED: (m, e) => {
    m.view.pledges[e.unitCode] = e.signature;
  },
  PLEDGE_CLOSE_REQUESTED: (m, e) => {
    m.hidden.closePledgesOn = e.on;
  },
  PLEDGE_CLOSED: (m, e) => {
    if (e.late.length > 0) m.view.lateUnits[Phase.PLEDGE] = e.late;
    for (const code of members(m.view)) m.view.assessments[code] = { status: 'PENDING', rounds: 0 };
    enterPhase(m, Phase.SELF_ASSESSMENT, e.on);
  },
};
