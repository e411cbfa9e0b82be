import type { CriterionScore, RankedUnit, VoteCountMinutes } from '../shared/cycle-types';
import { AwardType, TieBreaker, type AwardRule } from '../shared/rules';
import { compareIndicators } from './ranking';
import { awardCap, tallyBallots, type BallotPaper } from './tally';

/**
 * Ballot rounds at the bloc conference (bình xét, suy tôn). A round settles every clear result; candidates
 * level across the last open slot go to another round among themselves, up to the configured number of
 * rounds; after the last round the tie-breakers apply in order, and what they cannot separate is decided
 * by the Trưởng khối and Phó khối (domain.md §3.1, court analog TT 01/2024/TT-TANDTC).
 */

/** What a round votes on: the candidates and open slots per award, and the elections still open. */
export interface BallotItems {
  candidates: Partial<Record<AwardType, string[]>>;
  slots: Partial<Record<AwardType, number>>;
  leaderCandidates: string[];
  deputyCandidates: string[];
}

/** What earlier rounds (or tie-breaks) have settled for good. */
export interface Settled {
  awards: Partial<Record<AwardType, string[]>>;
  leader?: string;
  deputy?: string;
}

export interface RoundContext {
  awards: Record<AwardType, AwardRule>;
  /** The items of the first round, re-voted whole when they depend on a still undecided flag. */
  original: BallotItems;
  totalMembers: number;
  presentCount: number;
  ballotsIssued: number;
  ranking: readonly RankedUnit[];
  /** Invalid papers of the round being closed, for the minutes. */
  invalidBallots?: number;
  /** See TallyInput.governmentFlag: absent in cycles that ran without the government-flag-candidacy patch. */
  governmentFlag?: { requiresProvincialFlag: boolean };
}

export interface RoundResult {
  minutes: VoteCountMinutes;
  settled: Settled;
  /** Items for the next round; undefined when everything is settled. */
  next?: BallotItems;
}

/** Tie-break data: verified scores per unit for INDICATOR_ORDER, the share of women per unit for WOMEN_RATIO_70. */
export interface TieData {
  tieBreakers: readonly TieBreaker[];
  indicatorOrder: readonly string[];
  scores: Readonly<Record<string, readonly CriterionScore[] | undefined>>;
  /** PENALTY criteria of the score sheet: on those the smaller deduction goes first. */
  penaltyCriteria?: readonly string[];
  womenRatio: Readonly<Record<string, number | undefined>>;
}

/** One tie separated by a tie-breaker, for the vote-count minutes. */
export interface TieBreak {
  item: AwardType | 'LEADER' | 'DEPUTY';
  tied: string[];
  chosen: string[];
  by: TieBreaker;
}

/** The Trưởng khối's and Phó khối's choice for a tie the other breakers could not separate. */
export interface ManualChoice {
  item: AwardType | 'LEADER' | 'DEPUTY';
  chosen: string[];
}

export interface OpenTie {
  item: AwardType | 'LEADER' | 'DEPUTY';
  tied: string[];
  slots: number;
}

const AWARD_ORDER: readonly AwardType[] = [
  AwardType.CO_THI_DUA_TINH,
  AwardType.CO_THI_DUA_CHINH_PHU,
  AwardType.BANG_KHEN_CHU_TICH,
];

export function emptyItems(): BallotItems {
  return { candidates: {}, slots: {}, leaderCandidates: [], deputyCandidates: [] };
}

export function hasOpenItems(items: BallotItems): boolean {
  return (
    Object.values(items.candidates).some((c) => (c ?? []).length > 0) ||
    items.leaderCandidates.length > 0 ||
    items.deputyCandidates.length > 0
  );
}

function tallyOf(ctx: RoundContext, items: BallotItems, settled: Settled, ballots: readonly BallotPaper[]): VoteCountMinutes {
  return tallyBallots({
    awards: ctx.awards,
    candidates: items.candidates,
    slots: items.slots,
    leaderCandidates: items.leaderCandidates,
    deputyCandidates: items.deputyCandidates,
    ballots,
    ballotsIssued: ctx.ballotsIssued,
    totalMembers: ctx.totalMembers,
    presentCount: ctx.presentCount,
    ranking: ctx.ranking,
    settledFlagWinners: settled.awards[AwardType.CO_THI_DUA_TINH],
    settledLeader: settled.leader,
    invalidBallots: ctx.invalidBallots,
    ...(ctx.governmentFlag ? { governmentFlag: ctx.governmentFlag } : {}),
  });
}

function slotsOf(ctx: RoundContext, items: BallotItems, award: AwardType): number {
  return items.slots[award] ?? awardCap(ctx.awards[award], ctx.totalMembers);
}

/** Closes a round that is not the last: settles what is clear and lists what goes to the next round. */
export function closeRound(
  ctx: RoundContext,
  items: BallotItems,
  settledBefore: Settled,
  ballots: readonly BallotPaper[],
): RoundResult {
  const minutes = tallyOf(ctx, items, settledBefore, ballots);
  const settled: Settled = { ...settledBefore, awards: { ...settledBefore.awards } };
  const next = emptyItems();
  for (const tally of minutes.awards) {
    const award = tally.award;
    if (tally.dependsOnUndecided) {
      next.candidates[award] = ctx.original.candidates[award] ?? [];
      next.slots[award] = slotsOf(ctx, items, award);
      continue;
    }
    const chosen = tally.candidates.filter((c) => c.selected).map((c) => c.unitCode);
    if (chosen.length > 0) settled.awards[award] = [...(settled.awards[award] ?? []), ...chosen];
    if ((tally.tied ?? []).length > 0) {
      next.candidates[award] = tally.tied ?? [];
      next.slots[award] = tally.tiedSlots ?? 0;
    }
  }
  if (items.leaderCandidates.length > 0) {
    if (minutes.leaderElection.elected) settled.leader = minutes.leaderElection.elected;
    else
      next.leaderCandidates =
        (minutes.leaderElection.tied ?? []).length > 0 ? (minutes.leaderElection.tied ?? []) : items.leaderCandidates;
  }
  if (items.deputyCandidates.length > 0) {
    if (settled.leader === undefined && items.leaderCandidates.length > 0) next.deputyCandidates = ctx.original.deputyCandidates;
    else if (minutes.deputyElection.elected) settled.deputy = minutes.deputyElection.elected;
    else
      next.deputyCandidates =
        (minutes.deputyElection.tied ?? []).length > 0 ? (minutes.deputyElection.tied ?? []) : items.deputyCandidates;
  }
  return { minutes, settled, next: hasOpenItems(next) ? next : undefined };
}

/** Compares two units by one tie-breaker: negative when `a` goes first, 0 when it cannot separate them. */
function compareBy(breaker: TieBreaker, a: string, b: string, ranking: readonly RankedUnit[], data: TieData): number {
  switch (breaker) {
    case TieBreaker.TOTAL_SCORE: {
      const total = (u: string) => ranking.find((r) => r.unitCode === u)?.total ?? -Infinity;
      return total(b) - total(a);
    }
    case TieBreaker.INDICATOR_ORDER:
      return compareIndicators(data, data.scores[a], data.scores[b]);
    case TieBreaker.WOMEN_RATIO_70: {
      const qualifies = (u: string) => ((data.womenRatio[u] ?? 0) >= 0.7 ? 1 : 0);
      return qualifies(b) - qualifies(a);
    }
    case TieBreaker.LEADER_DEPUTY_DECIDE:
      return 0;
    default: {
      const unreachable: never = breaker;
      throw new Error(`unknown tie-breaker ${String(unreachable)}`);
    }
  }
}

/**
 * Applies the automatic tie-breakers in order to one tie. Answers the chosen units and the breaker that
 * separated them, or undefined when only the Trưởng khối and Phó khối can decide.
 */
export function breakTie(
  tied: readonly string[],
  slots: number,
  ranking: readonly RankedUnit[],
  data: TieData,
): { chosen: string[]; by: TieBreaker } | undefined {
  const used: TieBreaker[] = [];
  for (const breaker of data.tieBreakers) {
    if (breaker === TieBreaker.LEADER_DEPUTY_DECIDE) return undefined;
    used.push(breaker);
    const cascade = (a: string, b: string) => {
      for (const step of used) {
        const diff = compareBy(step, a, b, ranking, data);
        if (diff !== 0) return diff;
      }
      return 0;
    };
    const ordered = [...tied].sort((a, b) => cascade(a, b) || a.localeCompare(b));
    const last = ordered[slots - 1];
    const first = ordered[slots];
    if (last !== undefined && first !== undefined && cascade(last, first) !== 0)
      return { chosen: ordered.slice(0, slots), by: breaker };
  }
  return undefined;
}

export interface FinalResult {
  minutes: VoteCountMinutes;
  settled: Settled;
  tieBreaks: TieBreak[];
  /** A tie only the Trưởng khối and Phó khối can decide; later items wait for it. */
  open?: OpenTie;
}

/**
 * Closes the last round: settles what is clear, then separates each remaining tie with the tie-breakers,
 * item by item in a fixed order (the provincial flag before the awards that depend on it, the Trưởng khối
 * before the Phó khối), using the manual choices already made. Re-running it with one more manual choice
 * continues where it stopped, from the same ballots.
 */
export function closeLastRound(
  ctx: RoundContext,
  items: BallotItems,
  settledBefore: Settled,
  ballots: readonly BallotPaper[],
  data: TieData,
  manual: readonly ManualChoice[] = [],
): FinalResult {
  const settled: Settled = { ...settledBefore, awards: { ...settledBefore.awards } };
  const tieBreaks: TieBreak[] = [];
  const settle = (item: ManualChoice['item'], tied: string[], slots: number, clear: string[]): OpenTie | undefined => {
    const add = (chosen: string[]) => {
      if (item === 'LEADER') settled.leader = chosen[0];
      else if (item === 'DEPUTY') settled.deputy = chosen[0];
      else settled.awards[item] = [...(settled.awards[item] ?? []), ...chosen];
    };
    if (clear.length > 0) add(clear);
    if (tied.length === 0) return undefined;
    const auto = breakTie(tied, slots, ctx.ranking, data);
    if (auto) {
      tieBreaks.push({ item, tied, chosen: auto.chosen, by: auto.by });
      add(auto.chosen);
      return undefined;
    }
    const choice = manual.find((m) => m.item === item);
    if (choice) {
      tieBreaks.push({ item, tied, chosen: choice.chosen, by: TieBreaker.LEADER_DEPUTY_DECIDE });
      add(choice.chosen);
      return undefined;
    }
    return { item, tied, slots };
  };

  for (const award of AWARD_ORDER) {
    if (!(award in items.candidates)) continue;
    const only: BallotItems = {
      ...emptyItems(),
      candidates: { [award]: items.candidates[award] },
      slots: { [award]: slotsOf(ctx, items, award) },
    };
    // A dependent award was voted with its full list; tallied now, after the flag is settled.
    const tally = tallyOf(ctx, only, settled, ballots).awards.find((a) => a.award === award);
    if (!tally) continue;
    const open = settle(
      award,
      tally.tied ?? [],
      tally.tiedSlots ?? 0,
      tally.candidates.filter((c) => c.selected).map((c) => c.unitCode),
    );
    if (open) return { minutes: tallyOf(ctx, items, settledBefore, ballots), settled, tieBreaks, open };
  }
  if (items.leaderCandidates.length > 0) {
    const election = tallyOf(ctx, { ...emptyItems(), leaderCandidates: items.leaderCandidates }, settled, ballots).leaderElection;
    const open = settle('LEADER', election.tied ?? [], 1, election.elected ? [election.elected] : []);
    if (open) return { minutes: tallyOf(ctx, items, settledBefore, ballots), settled, tieBreaks, open };
  }
  if (items.deputyCandidates.length > 0) {
    const election = tallyOf(ctx, { ...emptyItems(), deputyCandidates: items.deputyCandidates }, settled, ballots).deputyElection;
    const open = settle('DEPUTY', election.tied ?? [], 1, election.elected ? [election.elected] : []);
    if (open) return { minutes: tallyOf(ctx, items, settledBefore, ballots), settled, tieBreaks, open };
  }
  return { minutes: tallyOf(ctx, items, settledBefore, ballots), settled, tieBreaks };
}
