import type { CycleState } from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import { AWARD_TYPES, type AwardType, type ProvinceRules } from '../shared/rules';
import { fail, PASS, type Check } from './outcome';
import { awardCap, type BallotPaper } from './tally';

type OpenBallot = NonNullable<CycleState['ballot']>;

/**
 * Whether one ballot paper is valid for the round: choices only among the round's candidates, no unit
 * twice, no more than the open slots, elections among their candidates. The same check refuses a paper
 * at the API and, at the close, counts a paper in the box as invalid.
 */
export function checkBallotPaper(ballot: OpenBallot, rules: ProvinceRules, totalMembers: number, paper: BallotPaper): Check {
  for (const [award, codes] of Object.entries(paper.choices) as [AwardType, string[] | undefined][]) {
    if (!AWARD_TYPES.includes(award)) return fail(ErrorCode.VALIDATION_FAILED, `unknown award ${award}`);
    const allowed = ballot.candidates[award] ?? [];
    const chosen = codes ?? [];
    if (new Set(chosen).size !== chosen.length) return fail(ErrorCode.VALIDATION_FAILED, `a unit is chosen twice for ${award}`);
    for (const code of chosen) {
      if (!allowed.includes(code))
        return fail(ErrorCode.INVALID_CANDIDATE, `${code} is not a candidate for ${award} in round ${ballot.round}`);
    }
    const slots = ballot.slots?.[award] ?? awardCap(rules.awards[award], totalMembers);
    if (chosen.length > slots) return fail(ErrorCode.TOO_MANY_CHOICES, `at most ${slots} for ${award} (cap of the bloc)`);
  }
  if (paper.nextLeader !== undefined && !ballot.leaderCandidates.includes(paper.nextLeader)) {
    return fail(ErrorCode.INVALID_CANDIDATE, `${paper.nextLeader} is not standing for Trưởng khối in round ${ballot.round}`);
  }
  if (paper.nextDeputy !== undefined && !ballot.deputyCandidates.includes(paper.nextDeputy)) {
    return fail(ErrorCode.INVALID_CANDIDATE, `${paper.nextDeputy} is not standing for Phó khối in round ${ballot.round}`);
  }
  if (paper.nextLeader !== undefined && paper.nextLeader === paper.nextDeputy) {
    return fail(ErrorCode.VALIDATION_FAILED, 'one unit cannot be both Trưởng khối and Phó khối');
  }
  return PASS;
}

/** A unit choosing itself, where the province does not allow it (not fixed by law: a rule-set choice). */
export function checkSelfVote(rules: ProvinceRules, voter: string, paper: BallotPaper): Check {
  if (rules.conference.selfVoteAllowed !== false) return PASS;
  const chosen = [...Object.values(paper.choices).flatMap((c) => c ?? []), paper.nextLeader, paper.nextDeputy];
  return chosen.includes(voter)
    ? fail(ErrorCode.SELF_VOTE_NOT_ALLOWED, `${voter} may not vote for itself in this province`)
    : PASS;
}

/** What a sealed paper holds, before padding: its choices, the elections and the voter's receipt. */
export interface PaperContent {
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
  receipt: string;
}

/** The paper as sealed: awards in order, each award's units sorted, one JSON text (unit codes are ASCII). */
export function canonicalPaperJson(paper: PaperContent): string {
  const choices = Object.fromEntries(
    Object.entries(paper.choices)
      .filter(([, units]) => units !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([award, units]) => [award, [...(units ?? [])].sort()]),
  );
  return JSON.stringify({
    choices,
    nextLeader: paper.nextLeader ?? null,
    nextDeputy: paper.nextDeputy ?? null,
    receipt: paper.receipt,
  });
}

/** The padded length of papers sealed before it depended on the ballot: 4 KiB, or whole multiples of it. */
export const LEGACY_PAPER_PAD = 4096;
/** Papers are padded to whole multiples of this (paperLength); the shortest paper is one step. */
export const PAPER_PAD_STEP = 256;
/** A sealed paper is the ephemeral public key (65 bytes), the IV (12), the padded paper, the GCM tag (16). */
export const SEALED_PAPER_OVERHEAD = 65 + 12 + 16;

/**
 * The padded length of every paper of a ballot round: that of the fullest paper the round allows (every candidate
 * chosen, the longest leader and deputy codes, a receipt), rounded up to 256 bytes. Every paper of the round has the
 * same length, so the length tells nothing of the choices, and a small bloc's papers are not 4 KiB each (each travels
 * in the vote's update, its answer and the count).
 */
export function paperLength(ballot: Pick<OpenBallot, 'candidates' | 'leaderCandidates' | 'deputyCandidates'>): number {
  const longest = (codes: string[]) => codes.reduce((a, b) => (b.length > a.length ? b : a), '');
  const fullest = canonicalPaperJson({
    choices: ballot.candidates,
    nextLeader: longest(ballot.leaderCandidates) || undefined,
    nextDeputy: longest(ballot.deputyCandidates) || undefined,
    receipt: 'x'.repeat(16),
  });
  return Math.ceil(fullest.length / PAPER_PAD_STEP) * PAPER_PAD_STEP;
}

/**
 * Whether a sealed paper (base64) has the length every paper of this round has: the round's paper length, or the
 * 4 KiB papers had before (a vote sealed by an API from before paperLength).
 */
export function sealedPaperFits(
  ballot: Pick<OpenBallot, 'candidates' | 'leaderCandidates' | 'deputyCandidates'>,
  sealed: string,
): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sealed) || sealed.length % 4 !== 0) return false;
  const bytes = (sealed.length / 4) * 3 - (sealed.endsWith('==') ? 2 : sealed.endsWith('=') ? 1 : 0);
  const padded = bytes - SEALED_PAPER_OVERHEAD;
  return padded === paperLength(ballot) || (padded >= LEGACY_PAPER_PAD && padded % LEGACY_PAPER_PAD === 0);
}
