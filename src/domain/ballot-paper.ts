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
