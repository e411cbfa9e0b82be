import { checkRole } from '../authorization';
import { fail, PASS, type Check } from '../outcome';
import { Role } from '../../shared/actors';
import { NomineeStatus, Phase, type CycleState, type Nominee } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import type { RoundOutcome } from '../../shared/round-messages';
import { enterPhase, findNominee, requirePhase } from './common';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- The province's award round (issue 15): the cycle hands its nominees over and hears their outcomes ----

export type RoundHandoffEvent = EventEnvelope &
  (
    | { type: 'HANDED_TO_ROUND'; roundId: string }
    | {
        type: 'ROUND_OUTCOMES';
        roundId: string;
        outcomes: {
          nomineeId: string;
          status: NomineeStatus;
          council?: Nominee['council'];
          decision?: Nominee['decision'];
          round?: Nominee['round'];
        }[];
      }
  );

/** Where the round decides, the cycle's own appraisal, council and decision steps are refused, naming the round. */
export function notInRound(view: CycleState): Check {
  return view.round
    ? fail(
        ErrorCode.WRONG_STATE,
        `the nominees were handed to the province round ${view.round.roundId}: appraise, vote and decide there (/v1/rounds/${view.round.roundId})`,
      )
    : PASS;
}

/** Nominees may be handed over while the board has not yet appraised them (dossier accepted, no chain, no opinion). */
export function mayHandOver(view: CycleState): Check {
  const phase = requirePhase(view, Phase.APPRAISAL);
  if (!phase.ok) return phase;
  const inRound = notInRound(view);
  if (!inRound.ok) return inRound;
  const appraisal = view.appraisal;
  if (view.mode === 'RECORD') return fail(ErrorCode.WRONG_STATE, 'a record of a past year is decided on its own papers');
  if (!appraisal || appraisal.status !== 'PENDING' || appraisal.chainId || view.nominees.some((n) => n.appraisal)) {
    return fail(ErrorCode.WRONG_STATE, 'the board has already begun appraising this dossier in the cycle');
  }
  return PASS;
}

export function handedToRound(ctx: CycleContext, roundId: string, actor?: EventEnvelope['actor']): RoundHandoffEvent[] {
  return [{ type: 'HANDED_TO_ROUND', at: new Date(ctx.now).toISOString(), actor, roundId, data: { roundId } }];
}

export const roundSteps: StepRules = {
  handToRound: {
    guard: (view, actor) => {
      const role = checkRole(actor, Role.BOARD_HEAD, Role.BOARD_SPECIALIST);
      return role.ok ? mayHandOver(view) : role;
    },
    events: (_m, cmd, ctx) => handedToRound(ctx, cmd.roundId, cmd.actor),
  },
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The round's outcomes (read from its projection) as one event, or none when nothing changed for this cycle. */
export function roundOutcomes(
  m: CycleMachine,
  ctx: CycleContext,
  roundId: string,
  outcomes: RoundOutcome[],
): RoundHandoffEvent[] {
  if (m.view.round?.roundId !== roundId) return [];
  const changed = outcomes
    .filter((o) => m.view.nominees.some((n) => n.id === o.nomineeId))
    .map((o) => {
      const council = o.council
        ? {
            votesFor: o.council.votesFor,
            required: o.council.required,
            passed: o.council.passed,
            rulesVersion: o.council.rulesVersion,
          }
        : undefined;
      const round =
        o.central || o.reason
          ? { ...(o.central ? { central: o.central } : {}), ...(o.reason ? { reason: o.reason } : {}) }
          : undefined;
      return { nomineeId: o.nomineeId, status: o.status as NomineeStatus, council, decision: o.decision, round };
    })
    .filter((o) => {
      const n = findNominee(m.view, o.nomineeId);
      return n.status !== o.status || !same(n.council, o.council) || !same(n.decision, o.decision) || !same(n.round, o.round);
    });
  if (changed.length === 0) return [];
  return [
    {
      type: 'ROUND_OUTCOMES',
      at: new Date(ctx.now).toISOString(),
      roundId,
      outcomes: changed,
      data: { roundId, outcomes: changed.map((o) => ({ nomineeId: o.nomineeId, status: o.status })) },
    },
  ];
}

/** Statuses that still wait for the round (the cycle completes once none is left; FORWARDED is settled for it). */
const WAITING = [NomineeStatus.IN_APPRAISAL, NomineeStatus.AWAITING_COUNCIL, NomineeStatus.AWAITING_DECISION];

export const roundAppliers: Appliers<RoundHandoffEvent> = {
  HANDED_TO_ROUND: (m, e) => {
    m.view.round = { roundId: e.roundId, handedAt: e.at };
  },
  ROUND_OUTCOMES: (m, e) => {
    for (const o of e.outcomes) {
      const nominee = findNominee(m.view, o.nomineeId);
      nominee.status = o.status;
      if (o.council) nominee.council = o.council;
      if (o.decision) nominee.decision = o.decision;
      if (o.round) nominee.round = o.round;
    }
    const appraisal = m.view.appraisal;
    if (appraisal && !m.view.nominees.some((n) => n.status === NomineeStatus.IN_APPRAISAL)) appraisal.status = 'APPROVED';
    if (m.view.phase === Phase.APPRAISAL && !m.view.nominees.some((n) => WAITING.includes(n.status)))
      enterPhase(m, Phase.DECISION);
  },
};
