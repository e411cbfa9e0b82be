import type {
  CriteriaGroup,
  CriteriaGroupRule,
  Criterion,
  CriterionRule,
  CriterionScore,
  CriterionType,
  CrossScoringAssignment,
} from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import { fail, PASS, type Check } from './outcome';

export const CRITERION_TYPES: readonly CriterionType[] = ['NORMAL', 'BONUS', 'PENALTY'];

export const criterionType = (c: Pick<Criterion, 'type'>): CriterionType => c.type ?? 'NORMAL';

/**
 * A verified sheet that changes a unit's own points says why, criterion by criterion: the reason is shown to the
 * unit and kept with the sheet. Unchanged criteria need none.
 */
export function checkAdjustmentReasons(self: readonly CriterionScore[], verified: readonly CriterionScore[]): Check {
  const own = new Map(self.map((s) => [s.criterionCode, s.points]));
  for (const v of verified) {
    const before = own.get(v.criterionCode);
    if (before !== undefined && before !== v.points && !v.reason?.trim()) {
      return fail(
        ErrorCode.REASON_REQUIRED,
        `criterion ${v.criterionCode}: the verified ${v.points} points differ from the unit's own ${before}; give the reason`,
      );
    }
  }
  return PASS;
}

/** Every criterion scored exactly once, each score in [0, max], evidence where the criterion requires it. */
export function checkScores(criteria: readonly CriterionRule[], scores: readonly CriterionScore[]): Check {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const seen = new Set<string>();
  for (const score of scores) {
    const criterion = byCode.get(score.criterionCode);
    if (!criterion) return fail(ErrorCode.UNKNOWN_CRITERION, `criterion ${score.criterionCode} is not in the score sheet`);
    if (seen.has(score.criterionCode)) {
      return fail(ErrorCode.VALIDATION_FAILED, `criterion ${score.criterionCode} is scored twice`);
    }
    seen.add(score.criterionCode);
    if (!Number.isFinite(score.points) || score.points < 0 || score.points > criterion.maxPoints) {
      return fail(
        ErrorCode.SCORE_OUT_OF_RANGE,
        `criterion ${criterion.code}: ${score.points} is outside [0, ${criterion.maxPoints}]`,
      );
    }
    if (criterion.evidenceRequired && score.evidenceRefs.length === 0) {
      return fail(ErrorCode.EVIDENCE_REQUIRED, `criterion ${criterion.code} requires at least one evidence reference`);
    }
  }
  const missing = criteria.filter((c) => !seen.has(c.code)).map((c) => c.code);
  if (missing.length > 0) return fail(ErrorCode.MISSING_CRITERION, `not scored: ${missing.join(', ')}`);
  return PASS;
}

export interface GroupSubtotal {
  groupCode: string;
  /** The NORMAL points scored in the group, before the cap. */
  scored: number;
  /** What counts: `scored` capped at the group's maximum. */
  counted: number;
  maxPoints: number;
}

export interface ScoreBreakdown {
  groups: GroupSubtotal[];
  /** NORMAL points of criteria in no group. */
  ungrouped: number;
  bonus: number;
  /** The deduction, a positive number. */
  penalty: number;
  /** Capped groups + ungrouped + bonus − penalty. Not floored at zero: a large deduction shows as such. */
  total: number;
}

/** Points are summed in hundredths so that 0.1 + 0.2 totals 0.3. */
const hundredths = (points: number) => Math.round(points * 100);

/**
 * The total of one sheet of scores: the NORMAL points of each group count up to the group's maximum, BONUS
 * points are added on top of any cap, PENALTY points are deducted. A score whose criterion is not on the
 * sheet (never the case after checkScores) counts as NORMAL and ungrouped, as does everything when the
 * sheet has no groups or types: the plain sum.
 */
export function scoreBreakdown(
  criteria: readonly CriterionRule[],
  groups: readonly CriteriaGroupRule[] | undefined,
  scores: readonly CriterionScore[],
): ScoreBreakdown {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const groupMax = new Map((groups ?? []).map((g) => [g.code, hundredths(g.maxPoints)]));
  const inGroup = new Map<string, number>();
  let ungrouped = 0;
  let bonus = 0;
  let penalty = 0;
  for (const score of scores) {
    const criterion = byCode.get(score.criterionCode);
    const points = hundredths(score.points);
    const type = criterion ? criterionType(criterion) : 'NORMAL';
    if (type === 'BONUS') bonus += points;
    else if (type === 'PENALTY') penalty += points;
    else if (criterion?.groupCode !== undefined && groupMax.has(criterion.groupCode)) {
      inGroup.set(criterion.groupCode, (inGroup.get(criterion.groupCode) ?? 0) + points);
    } else ungrouped += points;
  }
  const subtotals = (groups ?? []).map((g) => {
    const scored = inGroup.get(g.code) ?? 0;
    const max = groupMax.get(g.code) as number;
    return { groupCode: g.code, scored: scored / 100, counted: Math.min(scored, max) / 100, maxPoints: g.maxPoints };
  });
  const counted = subtotals.reduce((sum, g) => sum + hundredths(g.counted), 0);
  return {
    groups: subtotals,
    ungrouped: ungrouped / 100,
    bonus: bonus / 100,
    penalty: penalty / 100,
    total: (counted + ungrouped + bonus - penalty) / 100,
  };
}

export function totalScore(
  criteria: readonly CriterionRule[],
  groups: readonly CriteriaGroupRule[] | undefined,
  scores: readonly CriterionScore[],
): number {
  return scoreBreakdown(criteria, groups, scores).total;
}

/**
 * A score sheet as launched: codes unique, maxima positive, types known, every groupCode a declared group,
 * every group used, and at least one NORMAL criterion. The NORMAL maxima of a group may add up to more than
 * the group's maximum (the total is capped) or to less (the cap is then never reached).
 */
export function checkCriteria(criteria: readonly Criterion[], groups: readonly CriteriaGroup[] = []): Check {
  if (criteria.length === 0) return fail(ErrorCode.VALIDATION_FAILED, 'criteria must not be empty');
  const groupCodes = new Set<string>();
  for (const g of groups) {
    if (typeof g.code !== 'string' || g.code.length === 0) return fail(ErrorCode.VALIDATION_FAILED, 'a group has no code');
    if (groupCodes.has(g.code)) return fail(ErrorCode.VALIDATION_FAILED, `group code ${g.code} is repeated`);
    groupCodes.add(g.code);
    if (!Number.isFinite(g.maxPoints) || g.maxPoints <= 0) {
      return fail(ErrorCode.VALIDATION_FAILED, `group ${g.code}: maxPoints must be positive`);
    }
  }
  const codes = new Set<string>();
  const used = new Set<string>();
  for (const c of criteria) {
    if (codes.has(c.code)) return fail(ErrorCode.VALIDATION_FAILED, `criterion code ${c.code} is repeated`);
    codes.add(c.code);
    if (!Number.isFinite(c.maxPoints) || c.maxPoints <= 0) {
      return fail(ErrorCode.VALIDATION_FAILED, `criterion ${c.code}: maxPoints must be positive`);
    }
    if (c.type !== undefined && !CRITERION_TYPES.includes(c.type)) {
      return fail(ErrorCode.VALIDATION_FAILED, `criterion ${c.code}: type must be one of ${CRITERION_TYPES.join(', ')}`);
    }
    if (c.groupCode !== undefined) {
      if (!groupCodes.has(c.groupCode)) {
        return fail(ErrorCode.VALIDATION_FAILED, `criterion ${c.code}: group ${c.groupCode} is not in criteriaGroups`);
      }
      used.add(c.groupCode);
    }
  }
  const empty = [...groupCodes].filter((g) => !used.has(g));
  if (empty.length > 0) return fail(ErrorCode.VALIDATION_FAILED, `groups without criteria: ${empty.join(', ')}`);
  if (!criteria.some((c) => criterionType(c) === 'NORMAL')) {
    return fail(ErrorCode.VALIDATION_FAILED, 'criteria must include at least one NORMAL criterion');
  }
  return PASS;
}

/** Cross-scoring pairs: both members, never a unit scoring itself, each pair once; a unit may have several scorers. */
export function checkCrossScoring(assignments: readonly CrossScoringAssignment[], members: readonly string[]): Check {
  const pairs = new Set<string>();
  for (const a of assignments) {
    for (const unit of [a.scorer, a.scored]) {
      if (!members.includes(unit)) return fail(ErrorCode.NOT_MEMBER, `unit ${unit} is not a member of this bloc`);
    }
    if (a.scorer === a.scored) return fail(ErrorCode.VALIDATION_FAILED, `unit ${a.scorer} cannot cross-score itself`);
    const pair = `${a.scorer}>${a.scored}`;
    if (pairs.has(pair))
      return fail(ErrorCode.VALIDATION_FAILED, `unit ${a.scorer} is assigned to cross-score ${a.scored} twice`);
    pairs.add(pair);
  }
  return PASS;
}

/** The units assigned to cross-score `unitCode`. */
export function crossScorersOf(assignments: readonly CrossScoringAssignment[] | undefined, unitCode: string): string[] {
  return (assignments ?? []).filter((a) => a.scored === unitCode).map((a) => a.scorer);
}

/** Codes of the PENALTY criteria, where a smaller number is the better result. */
export function penaltyCriteria(criteria: readonly Criterion[]): string[] {
  return criteria.filter((c) => criterionType(c) === 'PENALTY').map((c) => c.code);
}
