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
  /** Slots still open per award in this round; defaults to the award's cap. */
  slots?: Partial<Record<AwardType, number>>;
  /** Provincial-flag winners settled in an earlier round. */
  settledFlagWinners?: string[];
  /** Trưởng khối settled in an earlier round (cannot also be Phó khối). */
  settledLeader?: string;
  /** Papers found in the box but invalid (counted in the minutes, not in the tally). */
  invalidBallots?: number;
  /**
   * Present (cycles under the government-flag-candidacy patch): each candidate not chosen gets its reason in the
   * minutes, and where the rules do not require it a Cờ CP candidate stands on its own instead of only among the
   * flag winners. Absent: the tally as before, for the histories that ran without it.
   */
  governmentFlag?: { requiresProvincialFlag: boolean };
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

/** The slots an award has in a bloc: its count cap, lowered by a share-of-members cap where one is set. */
export function awardCap(rule: AwardRule, totalMembers: number): number {
  const byShare = rule.maxShareOfMembers === undefined ? Infinity : Math.floor(rule.maxShareOfMembers * totalMembers + 1e-9);
  return Math.min(rule.maxPerBloc, byShare);
}

/**
 * Picks up to `slots` of the candidates that passed the threshold, most votes first. Candidates level on
 * votes across the last slot are not separated here: they are returned as `tied`, for another round or
 * the tie-breakers, together with the slots still open to them.
 */
export function selectWithTies(passing: readonly { unitCode: string; votes: number }[], slots: number) {
  const sorted = [...passing].sort((a, b) => b.votes - a.votes || a.unitCode.localeCompare(b.unitCode));
  if (sorted.length <= slots) return { selected: sorted.map((c) => c.unitCode), tied: [] as string[], tiedSlots: 0 };
  if (slots <= 0) return { selected: [] as string[], tied: [] as string[], tiedSlots: 0 };
  const cutVotes = (sorted[slots - 1] as { votes: number }).votes;
  const above = sorted.filter((c) => c.votes > cutVotes).map((c) => c.unitCode);
  const level = sorted.filter((c) => c.votes === cutVotes).map((c) => c.unitCode);
  const open = slots - above.length;
  if (level.length === open) return { selected: [...above, ...level], tied: [] as string[], tiedSlots: 0 };
  return { selected: above, tied: level, tiedSlots: open };
}

/** The line of the minutes for a Cờ CP candidate not chosen, or chosen on its own; Vietnamese, NFC. */
function candidateReason(
  t: CandidateTally,
  at: { flagWinners: ReadonlySet<string>; ownCandidacy: boolean; tied: readonly string[]; slots: number; flagName: string },
): CandidateTally['reason'] {
  const reason = (code: NonNullable<CandidateTally['reason']>['code'], text: string) => ({ code, text: text.normalize('NFC') });
  const holdsFlag = at.flagWinners.has(t.unitCode);
  if (t.selected) {
    return !holdsFlag ? reason('OWN_CANDIDACY', `Đề nghị riêng, không phải đơn vị được suy tôn ${at.flagName}`) : undefined;
  }
  if (!t.passedThreshold) return reason('BELOW_THRESHOLD', `Đạt ${t.votes} phiếu, cần ít nhất ${t.required} phiếu`);
  if (!at.ownCandidacy && !holdsFlag)
    return reason(
      'NOT_PROVINCIAL_FLAG_WINNER',
      `Không được suy tôn ${at.flagName}: Cờ thi đua của Chính phủ chỉ xét trong các đơn vị dẫn đầu khối, cụm (Luật Thi đua, khen thưởng 2022, Điều 25)`,
    );
  if (at.tied.includes(t.unitCode)) return reason('TIED', 'Bằng số phiếu với đơn vị khác ở suất cuối cùng, chưa phân định');
  return reason('NO_SLOT', `Ngoài ${at.slots} suất của khối: các đơn vị khác có nhiều phiếu hơn`);
}

export function tallyBallots(input: TallyInput): VoteCountMinutes {
  const valid = input.ballots.length;
  const counts = { totalMembers: input.totalMembers, presentCount: input.presentCount, valid };
  const byAward = new Map<AwardType, AwardTally>();
  const flagWinners = new Set<string>(input.settledFlagWinners ?? []);
  let flagUndecided = false;

  for (const award of TALLY_ORDER) {
    const rule = input.awards[award];
    const candidates = input.candidates[award] ?? [];
    if (!rule.enabled || candidates.length === 0) continue;
    const base = baseCount(rule.thresholdBase, counts);
    const required = Math.max(1, requiredCount(rule.threshold, base));
    const slots = input.slots?.[award] ?? awardCap(rule, input.totalMembers);
    const tallies: CandidateTally[] = candidates.map((unitCode) => ({
      unitCode,
      votes: input.ballots.filter((b) => (b.choices[award] ?? []).includes(unitCode)).length,
      required,
      passedThreshold: false,
      selected: false,
      rank: input.ranking.find((r) => r.unitCode === unitCode)?.rank,
    }));
    for (const t of tallies) t.passedThreshold = t.votes >= required;
    const ownCandidacy = award === AwardType.CO_THI_DUA_CHINH_PHU && input.governmentFlag?.requiresProvincialFlag === false;
    const passing = tallies.filter((t) => {
      if (!t.passedThreshold) return false;
      if (award === AwardType.CO_THI_DUA_CHINH_PHU) return ownCandidacy || flagWinners.has(t.unitCode);
      if (award === AwardType.BANG_KHEN_CHU_TICH) return !flagWinners.has(t.unitCode);
      return true;
    });
    const pick = selectWithTies(passing, slots);
    for (const t of tallies) t.selected = pick.selected.includes(t.unitCode);
    // Bằng khen and, unless it stands on its own, the Government flag depend on who takes the provincial flag.
    const dependsOnUndecided = award !== AwardType.CO_THI_DUA_TINH && !ownCandidacy && flagUndecided;
    if (input.governmentFlag && award === AwardType.CO_THI_DUA_CHINH_PHU && !dependsOnUndecided) {
      const flagName = input.awards[AwardType.CO_THI_DUA_TINH].displayName;
      for (const t of tallies) {
        const reason = candidateReason(t, { flagWinners, ownCandidacy, tied: pick.tied, slots, flagName });
        if (reason) t.reason = reason;
      }
    }
    if (award === AwardType.CO_THI_DUA_TINH) {
      for (const unit of pick.selected) flagWinners.add(unit);
      flagUndecided = pick.tied.length > 0;
    }
    tallies.sort(byVotesThenRank(input.ranking));
    byAward.set(award, {
      award,
      displayName: rule.displayName,
      threshold: rule.threshold,
      thresholdBase: rule.thresholdBase,
      baseCount: base,
      required,
      maxPerBloc: slots,
      candidates: tallies,
      basis: rule.basis,
      tied: pick.tied,
      tiedSlots: pick.tiedSlots,
      dependsOnUndecided,
    });
  }

  const leaderElection = tallyElection(
    input.leaderCandidates,
    input.ballots.map((b) => b.nextLeader),
    input.ranking,
  );
  const deputyElection = tallyElection(
    input.deputyCandidates.filter((c) => c !== leaderElection.elected && c !== input.settledLeader),
    input.ballots.map((b) => b.nextDeputy),
    input.ranking,
  );

  return {
    ballotsIssued: input.ballotsIssued,
    ballotsReturned: input.ballots.length + (input.invalidBallots ?? 0),
    ballotsValid: valid,
    ballotsInvalid: input.invalidBallots ?? 0,
    awards: AWARD_TYPES.map((a) => byAward.get(a)).filter((t): t is AwardTally => t !== undefined),
    leaderElection,
    deputyElection,
  };
}

/** Plurality of the votes cast for the listed candidates; candidates level at the top are `tied`, none elected. */
export function tallyElection(
  candidates: readonly string[],
  votes: readonly (string | undefined)[],
  ranking: readonly RankedUnit[],
): ElectionTally {
  const rows = candidates.map((unitCode) => ({ unitCode, votes: votes.filter((v) => v === unitCode).length }));
  rows.sort(byVotesThenRank(ranking));
  const topVotes = rows[0]?.votes ?? 0;
  if (topVotes === 0) return { candidates: rows, tied: [] };
  const top = rows.filter((r) => r.votes === topVotes).map((r) => r.unitCode);
  return top.length === 1 ? { candidates: rows, elected: top[0], tied: [] } : { candidates: rows, tied: top };
}
