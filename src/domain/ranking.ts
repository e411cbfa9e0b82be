import type { Criterion, CriterionScore, RankedUnit } from '../shared/cycle-types';
import { TieBreaker, type ProvinceRules } from '../shared/rules';
import { penaltyCriteria } from './scores';

export interface RankingEntry {
  unitCode: string;
  /** The verified total. */
  total: number;
  /** The verified scores, for the indicator cascade. */
  scores?: readonly CriterionScore[];
}

/** Named criteria compared one by one when totals are equal (e.g. Cần Thơ KH 157/2025). */
export interface IndicatorCascade {
  indicatorOrder: readonly string[];
  /** PENALTY criteria: the smaller deduction goes first. */
  penaltyCriteria?: readonly string[];
}

/**
 * Compares two units' scores criterion by criterion in `indicatorOrder`: negative when `a` goes first, 0 when
 * no indicator separates them. More points go first, except on a penalty criterion; a unit without a score
 * for the criterion goes last.
 */
export function compareIndicators(
  cascade: IndicatorCascade,
  a: readonly CriterionScore[] | undefined,
  b: readonly CriterionScore[] | undefined,
): number {
  const penalties = new Set(cascade.penaltyCriteria ?? []);
  const merit = (scores: readonly CriterionScore[] | undefined, code: string) => {
    const points = scores?.find((s) => s.criterionCode === code)?.points;
    if (points === undefined) return -Infinity;
    return penalties.has(code) ? -points : points;
  };
  for (const code of cascade.indicatorOrder) {
    const ma = merit(a, code);
    const mb = merit(b, code);
    if (ma !== mb) return mb > ma ? 1 : -1;
  }
  return 0;
}

/**
 * Standard competition ranking ("1, 2, 2, 4") by verified total, highest first. With a cascade, equal totals
 * are separated by the named indicators; units still level share a rank (a vote decides between them, at the
 * ballot). Within a rank the order is by unit code only so that output is stable.
 */
export function rankUnits(entries: readonly RankingEntry[], cascade?: IndicatorCascade): RankedUnit[] {
  const compare = (a: RankingEntry, b: RankingEntry) =>
    b.total - a.total || (cascade ? compareIndicators(cascade, a.scores, b.scores) : 0);
  const sorted = [...entries].sort((a, b) => compare(a, b) || a.unitCode.localeCompare(b.unitCode));
  const ranked: RankedUnit[] = [];
  sorted.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const before = sorted[index - 1];
    const rank = previous && before && compare(before, entry) === 0 ? previous.rank : index + 1;
    ranked.push({ unitCode: entry.unitCode, total: entry.total, rank });
  });
  return ranked;
}

/** The indicator cascade for the ranking when the conference rules name INDICATOR_ORDER among the tie-breakers. */
export function rankingCascade(rules: ProvinceRules, criteria: readonly Criterion[]): IndicatorCascade | undefined {
  const conference = rules.conference;
  if (!conference.tieBreakers?.includes(TieBreaker.INDICATOR_ORDER)) return undefined;
  return { indicatorOrder: conference.indicatorOrder ?? [], penaltyCriteria: penaltyCriteria(criteria) };
}
