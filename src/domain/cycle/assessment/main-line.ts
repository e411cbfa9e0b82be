import { ItemStatus } from '../../../shared/approval';
import type { AssessmentResult } from '../../../shared/cycle-types';
import { assessmentChainTitles } from '../wording/assessment';
import type { AssessmentEvent } from './events';
import { currentRound } from './steps';
import type { AssessmentContext, AssessmentMachine } from './types';

// What the workflow does on its own: it opens the sheet, its timer marks it late, the cycle's signal closes it, the
// round's approval chain decides it, and it ends. The workflow keeps the timer, the signal and the chain; what they
// change is decided here.

const at = (ctx: AssessmentContext) => new Date(ctx.now).toISOString();

export const sheetOpened = (ctx: AssessmentContext): AssessmentEvent[] => [{ type: 'ASSESSMENT_OPENED', at: at(ctx) }];

/** The deadline passed before the sheet was accepted, rejected or closed. */
export const deadlinePassed = (ctx: AssessmentContext): AssessmentEvent[] => [{ type: 'ASSESSMENT_LATE', at: at(ctx) }];

/** The cycle's close (a signal the shell has already accepted as coming from the cycle). */
export const closeRequested = (ctx: AssessmentContext): AssessmentEvent[] => [
  { type: 'ASSESSMENT_CLOSING', at: at(ctx), silent: true },
];

export const finished = (m: AssessmentMachine): boolean =>
  m.view.status === 'ACCEPTED' || m.view.status === 'REJECTED' || m.hidden.closed;

/** The end: a sheet neither accepted nor rejected closes without a result. */
export const sheetEnded = (m: AssessmentMachine, ctx: AssessmentContext): AssessmentEvent[] =>
  m.view.status === 'REJECTED' || m.view.status === 'ACCEPTED' ? [] : [{ type: 'ASSESSMENT_CLOSED', at: at(ctx) }];

/** What the child returns to the cycle once it has ended. */
export function resultOf(m: AssessmentMachine, ctx: AssessmentContext): AssessmentResult {
  const { view, hidden } = m;
  const unitCode = ctx.facts.unitCode;
  if (view.status === 'REJECTED') {
    return { unitCode, outcome: 'REJECTED', selfTotal: currentRound(view).total, rounds: view.rounds.length };
  }
  const accepted = view.status === 'ACCEPTED' ? view.rounds[view.rounds.length - 1] : undefined;
  return {
    unitCode,
    outcome: accepted ? 'ACCEPTED' : 'LATE',
    scores: accepted?.verified?.scores ?? accepted?.scores,
    total: accepted?.verified?.total ?? accepted?.total,
    selfTotal: accepted?.total,
    rounds: view.rounds.length,
    ...(ctx.facts.record && hidden.lastStep ? { lastOn: hidden.lastStep.date } : {}),
  };
}

// ---- Chain mode ----

/** What the round's approval chain decided about the sheet (its item), as the shell reads it from the chain's state. */
export interface ChainOutcome {
  chainId: string;
  status: ItemStatus;
  /** The item's last outcome. */
  last?: { at: string; userId: string; reason?: string };
  /** The unit head's approval (the chain's first level) in the item's last round. */
  unitApproval?: { userId: string; at: string };
}

/** Whether the sheet waits for its round's chain (the shell starts it once no update is in flight). */
export const awaitsChain = (m: AssessmentMachine): boolean => m.view.status === 'IN_APPROVAL' && !m.hidden.closed;

/** What the round's chain is started with: its id, the item, its titles and the reason it is cancelled at the close. */
export function chainRequest(m: AssessmentMachine, ctx: AssessmentContext) {
  const round = currentRound(m.view);
  return {
    chainId: round.chainId as string,
    round: round.round,
    itemId: `tu-cham-diem-${round.round}`,
    submittedBy: round.submittedBy,
    ...assessmentChainTitles(ctx.facts, round),
  };
}

/** The chain's decision as one event; an item neither approved, returned, escalated nor withdrawn was rejected. */
export function chainDecided(m: AssessmentMachine, ctx: AssessmentContext, outcome: ChainOutcome): AssessmentEvent[] {
  const round = currentRound(m.view);
  const { chainId, last } = outcome;
  const when = last?.at ?? at(ctx);
  const by = last?.userId ?? 'system';
  const unitApproval = outcome.unitApproval ? { by: outcome.unitApproval.userId, at: outcome.unitApproval.at } : undefined;
  const common = { at: at(ctx), round: round.round, ...(unitApproval ? { unitApproval } : {}) };
  switch (outcome.status) {
    case ItemStatus.APPROVED:
      return [
        {
          type: 'ASSESSMENT_ACCEPTED',
          ...common,
          review: { decision: 'ACCEPT', by, at: when },
          verified: { scores: round.scores, total: round.total, by, at: when, adjusted: false },
          data: { round: round.round, total: round.total, selfTotal: round.total, chainId, by },
        },
      ];
    case ItemStatus.RETURNED:
      return [
        {
          type: 'ASSESSMENT_RETURNED',
          ...common,
          review: { decision: 'RETURN', reason: last?.reason, by, at: when },
          data: { round: round.round, reason: last?.reason, chainId, by },
        },
      ];
    case ItemStatus.ESCALATED:
      // Returned more often than allowed, escalated: the Trưởng khối decides it through the fixed review.
      return [{ type: 'ASSESSMENT_ESCALATED', ...common, data: { round: round.round, chainId } }];
    case ItemStatus.WITHDRAWN:
      return [{ type: 'ASSESSMENT_WITHDRAWN', ...common, data: { round: round.round, reason: last?.reason, chainId } }];
    default:
      return [
        {
          type: 'ASSESSMENT_REJECTED',
          ...common,
          review: { decision: 'REJECT', reason: last?.reason, by, at: when },
          data: { round: round.round, reason: last?.reason, chainId, by },
        },
      ];
  }
}

/** After a chain's decision: the sheet is decided for good (accepted or rejected), or the next round may come. */
export const decidedForGood = (m: AssessmentMachine): boolean => m.view.status === 'ACCEPTED' || m.view.status === 'REJECTED';

// ---- The timeline ----

/**
 * A recorded event's timeline data: the unit (code and name, for the read side's sentence), in a RECORD cycle the day
 * of the unit's latest step on paper, then the event's own data (a cross-scoring's own day overrides it).
 */
export function timelineData(m: AssessmentMachine, ctx: AssessmentContext, event: AssessmentEvent): Record<string, unknown> {
  const on = ctx.facts.record && m.hidden.lastStep ? m.hidden.lastStep.date : undefined;
  return { unitCode: ctx.facts.unitCode, ...(on ? { occurredOn: on } : {}), ...event.data, unitName: ctx.facts.unitName };
}
