import type { Actor } from '../../shared/actors';
import type { NomineeStatus } from '../../shared/cycle-types';
import type { CouncilSession, RoundDecision, RoundItem, RoundMachine, SessionVote, UpwardSubmission } from './types';

export interface RoundEnvelope {
  /** When the step was taken (the workflow's clock), ISO. */
  at: string;
  actor?: Actor;
  data?: Record<string, unknown>;
}

export interface ItemOutcome {
  itemId: string;
  status: NomineeStatus;
  reason?: string;
}

/** Everything that happens to a round, as data: the machine's decisions produce them, `applyRoundEvent` folds them in. */
export type RoundEvent = RoundEnvelope &
  (
    | { type: 'ITEMS_ADDED'; items: RoundItem[]; directSeq?: number }
    | { type: 'ITEMS_APPRAISED'; opinions: { itemId: string; recommend: boolean; note?: string }[]; by: string }
    | { type: 'LIST_RETURNED'; reason: string; by: string }
    | { type: 'LIST_APPROVED'; by: string; on: string; outcomes: ItemOutcome[] }
    | { type: 'SESSION_OPENED'; session: CouncilSession }
    | { type: 'VOTES_RECORDED'; sessionId: string; votes: SessionVote[]; rulesVersion: string; outcomes: ItemOutcome[] }
    | { type: 'SESSION_ENDED'; sessionId: string; status: 'ADJOURNED' | 'CLOSED'; reason?: string; by: string }
    | {
        type: 'ROUND_DECIDED';
        decision: RoundDecision;
        items: (ItemOutcome & { decision: NonNullable<RoundItem['decision']> })[];
      }
    | { type: 'UPWARD_SENT'; submission: UpwardSubmission; outcomes: ItemOutcome[] }
    | { type: 'UPWARD_RETURNED'; submissionId: string; reason: string; returnedOn: string; by: string }
    | { type: 'UPWARD_RESENT'; submissionId: string; sentOn: string; toTrinh: { number: string; date: string } }
    | {
        type: 'CENTRALLY_DECIDED';
        submissionId: string;
        items: (ItemOutcome & { central: NonNullable<RoundItem['central']> })[];
      }
    | { type: 'ROUND_CLOSED'; closedAt: string }
  );

export type RoundEventType = RoundEvent['type'];

export type RoundAppliers = {
  [K in RoundEventType]: (m: RoundMachine, e: Extract<RoundEvent, { type: K }>) => void;
};

/** The items an event changes: what the projection of a step must write (all others are as the last one left them). */
export function itemsChangedBy(e: RoundEvent): string[] {
  switch (e.type) {
    case 'ITEMS_ADDED':
      return e.items.map((i) => i.id);
    case 'ITEMS_APPRAISED':
      return e.opinions.map((o) => o.itemId);
    case 'LIST_APPROVED':
    case 'UPWARD_SENT':
      return e.outcomes.map((o) => o.itemId);
    case 'VOTES_RECORDED':
      return e.votes.map((v) => v.itemId);
    case 'ROUND_DECIDED':
    case 'CENTRALLY_DECIDED':
      return e.items.map((i) => i.itemId);
    default:
      return [];
  }
}
