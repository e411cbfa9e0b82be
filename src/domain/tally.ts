import type { AwardTally, CandidateTally, ElectionTally, RankedUnit, VoteCountMinutes } from '../shared/cycle-types';
import { AWARD_TYPES, AwardType, CountBase, type AwardRule } from '../shared/rules';
import { requiredCount } from './ratio';

/** One ballot paper as stored: what was chosen, never who chose it. */
export interface BallotPaper {
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
}

export interface TallyInput {
  awards: Record<AwardType, AwardRule>;
  candidates: Partial<Record<AwardType, string[]>>;
  leaderCandidates: string[];
  deputyCandidates: string[];
  ballots: readonly BallotPaper[];
  ballotsIssued: number;
  totalMembers: number;
  presentCount: number;
  ranking: readonly RankedUnit[];
}

export function baseCount(base: CountBase, input: { totalMembers: number; presentCount: number; valid: number }): number {
  switch (base) {
    case CountBase.TOTAL_MEMBERS:
      return input.totalMembers;
    case CountBase.PRESENT:
      return input.presentCount;
    case CountBase.VALID_BALLOTS:
      return input.valid;
    default: {
      const unreachable: never = base;
      throw new Error(`unknown count base ${String(unreachable)}`);
    }
  }
}

function rankOf(ranking: readonly RankedUnit[], unitCode: string): number {
  return ranking.find((r) => r.unitCode === unitCode)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** More votes first; equal votes go to the better-ranked unit, then by code so the result is reproducible. */
function byVotesThenRank(ranking: readonly RankedUnit[]) {
  return (a: { unitCode: string; votes: number }, b: { unitCode: string; votes: number }) =>
    b.votes - a.votes || rankOf(ranking, a.unitCode) - rankOf(ranking, b.unitCode) || a.unitCode.localeCompare(b.unitCode);
}

/**
 * Awards are tallied in a fixed order. A unit that takes the provincial flag is not also given the
 * chairman's certificate for the same year, and a Government-flag candidate must be a unit selected for
 * the provincial flag (Luật TĐKT 2022 Art. 25(1): chosen among units leading their blocs).
 */
const TALLY_ORDER: readonly AwardType[] = [
  AwardType.CO_THI_DUA_TINH,
  AwardType.CO_THI_DUA_CHINH_PHU,
  AwardType.BANG_KHEN_CHU_TICH,
];

export function tallyBallots(input: TallyInput): VoteCountMinutes {
  const valid = input.ballots.length;
  const counts = { totalMembers: input.totalMembers, presentCount: input.presentCount, valid };
  const byAward = new Map<AwardType, AwardTally>();
  const flagWinners = new Set<string>();

  for (const award of TALLY_ORDER) {
    const rule = input.awards[award];
    const candidates = input.candidates[award] ?? [];
    if (!rule.enabled || candidates.length === 0) continue;
    const base = baseCount(rule.thresholdBase, counts);
    const required = Math.max(1, requiredCount(rule.threshold, base));
    const tallies: CandidateTally[] = candidates.map((unitCode) => ({
      unitCode,
      votes: input.ballots.filter((b) => (b.choices[award] ?? []).includes(unitCode)).length,
      required,
      passedThreshold: false,
      selected: false,
      rank: input.ranking.find((r) => r.unitCode === unitCode)?.rank,
    }));
    for (const t of tallies) t.passedThreshold = t.votes >= required;
    const eligible = tallies.filter((t) => {
      if (!t.passedThreshold) return false;
      if (award === AwardType.CO_THI_DUA_CHINH_PHU) return flagWinners.has(t.unitCode);
      if (award === AwardType.BANG_KHEN_CHU_TICH) return !flagWinners.has(t.unitCode);
      return true;
    });
    eligible.sort(byVotesThenRank(input.ranking));
    for (const t of eligible.slice(0, rule.maxPerBloc)) t.selected = true;
    if (award === AwardType.CO_THI_DUA_TINH) for (const t of tallies) if (t.selected) flagWinners.add(t.unitCode);
    tallies.sort(byVotesThenRank(input.ranking));
    byAward.set(award, {
      award,
      displayName: rule.displayName,
      threshold: rule.threshold,
      thresholdBase: rule.thresholdBase,
      baseCount: base,
      required,
      maxPerBloc: rule.maxPerBloc,
      candidates: tallies,
      basis: rule.basis,
    });
  }

  const leaderElection = tallyElection(
    input.leaderCandidates,
    input.ballots.map((b) => b.nextLeader),
    input.ranking,
  );
  const deputyElection = tallyElection(
    input.deputyCandidates.filter((c) => c !== leaderElection.elected),
    input.ballots.map((b) => b.nextDeputy),
    input.ranking,
  );

  return {
    ballotsIssued: input.ballotsIssued,
    ballotsReturned: input.ballots.length,
    ballotsValid: valid,
    ballotsInvalid: 0,
    awards: AWARD_TYPES.map((a) => byAward.get(a)).filter((t): t is AwardTally => t !== undefined),
    leaderElection,
    deputyElection,
  };
}

/** Plurality of the votes cast for the listed candidates; a tie goes to the better-ranked unit. */
export function tallyElection(
  candidates: readonly string[],
  votes: readonly (string | undefined)[],
  ranking: readonly RankedUnit[],
): ElectionTally {
  const rows = candidates.map((unitCode) => ({ unitCode, votes: votes.filter((v) => v === unitCode).length }));
  rows.sort(byVotesThenRank(ranking));
  const top = rows[0];
  return { candidates: rows, elected: top && top.votes > 0 ? top.unitCode : undefined };
}
