import type { Criterion, CriterionScore } from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import { fail, PASS, type Check } from './outcome';

/** Every criterion scored exactly once, each score in [0, max], evidence where the criterion requires it. */
export function checkScores(criteria: readonly Criterion[], scores: readonly CriterionScore[]): Check {
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

/** Sum in hundredths so that 0.1 + 0.2 totals 0.3. */
export function totalScore(scores: readonly CriterionScore[]): number {
  return scores.reduce((sum, s) => sum + Math.round(s.points * 100), 0) / 100;
}

export function checkCriteria(criteria: readonly Criterion[]): Check {
  if (criteria.length === 0) return fail(ErrorCode.VALIDATION_FAILED, 'criteria must not be empty');
  const codes = new Set<string>();
  for (const c of criteria) {
    if (codes.has(c.code)) return fail(ErrorCode.VALIDATION_FAILED, `criterion code ${c.code} is repeated`);
    codes.add(c.code);
    if (!Number.isFinite(c.maxPoints) || c.maxPoints <= 0) {
      return fail(ErrorCode.VALIDATION_FAILED, `criterion ${c.code}: maxPoints must be positive`);
    }
  }
  return PASS;
}
