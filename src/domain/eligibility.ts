import {
  EligibilityRule,
  TASK_RATING_NAMES,
  TaskRating,
  UnitConditionKind,
  type EligibilityCheck,
  type EligibilityResult,
  type UnitCondition,
  type UnitRating,
} from '../shared/eligibility';
import { AwardType, type EligibilityClause, type EligibilityClauses } from '../shared/rules';

/**
 * The clauses of the law in force since 01/07/2025 (Luật TĐKT 2022, NĐ 152/2025): what a check cites when the rule set
 * that decides names none. A rule set of an earlier period carries its own (rules.eligibility.clauses).
 */
export const CURRENT_ELIGIBILITY_CLAUSES: EligibilityClauses = {
  suspension: {
    citation: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4',
    requirement:
      'Tạm dừng xét khen thưởng đối với tập thể đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, kiểm toán khi có ' +
      'dấu hiệu vi phạm hoặc có đơn thư khiếu nại, tố cáo đang được xác minh; xét tiếp khi đã có kết luận.',
  },
  discipline: {
    citation: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4',
    requirement: 'Tập thể bị kỷ luật: thành tích chỉ được tính từ khi hết thời hạn kỷ luật.',
  },
  excellentRating: {
    citation: 'Luật Thi đua, khen thưởng 2022, Điều 26 khoản 1 điểm b',
    requirement: 'Cờ thi đua: tổ chức đảng, đoàn thể của tập thể được xếp loại hoàn thành xuất sắc nhiệm vụ.',
  },
  negativeLists: {
    citation: 'Quy chế Thi đua, khen thưởng của tỉnh',
    requirement: 'Không có tên trong danh sách vi phạm do các cơ quan chức năng của tỉnh cung cấp trước khi xét khen thưởng.',
  },
};

/** What a check records of its clause: the citation (naming the agency for a negative list) and its requirement. */
function cite(clause: EligibilityClause, agency?: string): Pick<EligibilityCheck, 'clause' | 'requirement'> {
  return {
    clause: agency ? `${clause.citation} (danh sách của ${agency})` : clause.citation,
    requirement: clause.requirement,
  };
}

/** Kinds that suspend every award while open (NĐ 152/2025 Art. 4(4)). */
const SUSPENDING: readonly UnitConditionKind[] = [
  UnitConditionKind.INVESTIGATION,
  UnitConditionKind.INSPECTION,
  UnitConditionKind.AUDIT,
  UnitConditionKind.COMPLAINT,
];

/** Flags are for the unit leading the movement: its party and mass organisations must be rated HTXSNV. */
const FLAGS: readonly AwardType[] = [AwardType.CO_THI_DUA_TINH, AwardType.CO_THI_DUA_CHINH_PHU];

/** Viet Nam keeps UTC+7 all year, so a resolution instant falls on one calendar day there. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export function vietnamDate(instant: string): string {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export interface EligibilityInput {
  unitCode: string;
  award: AwardType;
  year: number;
  /** YYYY-MM-DD; records dated after it were not known then and are ignored. */
  asOf: string;
  conditions: readonly UnitCondition[];
  ratings: readonly UnitRating[];
  requireExcellentRatingForFlag: boolean;
  /** The clauses of the rule set in force on `asOf`; the current law's when it names none. */
  clauses?: EligibilityClauses;
}

/**
 * Every rule that applies to the award, each with its verdict and clause, passed ones included, so the
 * dossier shows what was checked. A record is listed when it was in effect at some time from the start of
 * the assessed year up to `asOf`; older records cannot affect the year and are left out.
 */
export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const { unitCode, award, year, asOf } = input;
  const clauses = input.clauses ?? CURRENT_ELIGIBILITY_CLAUSES;
  const yearStart = `${year}-01-01`;
  const known = input.conditions.filter((c) => c.unitCode === unitCode && c.fromDate <= asOf);
  const relevant = known.filter((c) => {
    const end = effectiveEnd(c);
    return end === null || end >= yearStart;
  });

  const checks: EligibilityCheck[] = [
    ...suspensionChecks(
      relevant.filter((c) => SUSPENDING.includes(c.kind)),
      asOf,
      clauses.suspension,
    ),
    ...disciplineChecks(
      relevant.filter((c) => c.kind === UnitConditionKind.DISCIPLINE),
      year,
      clauses.discipline,
    ),
    ...negativeListChecks(
      known.filter((c) => c.kind === UnitConditionKind.NEGATIVE_LIST && c.fromDate >= yearStart),
      clauses.negativeLists,
      year,
      asOf,
    ),
  ];
  if (input.requireExcellentRatingForFlag && FLAGS.includes(award)) {
    checks.push(
      ratingCheck(
        input.ratings.find((r) => r.unitCode === unitCode && r.year === year),
        year,
        clauses.excellentRating,
      ),
    );
  }
  return { unitCode, award, year, asOf, eligible: checks.every((c) => c.passed), checks };
}

/** The day the record was cleared, if it was. */
function resolvedOn(c: UnitCondition): string | null {
  return c.resolvedAt === null ? null : vietnamDate(c.resolvedAt);
}

/** Last day in effect: the end of its period or the day it was cleared, whichever comes first; null while open. */
function effectiveEnd(c: UnitCondition): string | null {
  const resolved = resolvedOn(c);
  if (c.toDate === null) return resolved;
  if (resolved === null) return c.toDate;
  return resolved < c.toDate ? resolved : c.toDate;
}

function name(c: UnitCondition): string {
  return `${c.kind.toLowerCase().replace('_', ' ')} ${c.reference} (${c.sourceAgency}: ${c.description})`;
}

function suspensionChecks(conditions: readonly UnitCondition[], asOf: string, clause: EligibilityClause): EligibilityCheck[] {
  if (conditions.length === 0) {
    return [
      {
        rule: EligibilityRule.NOT_SUSPENDED,
        passed: true,
        ...cite(clause),
        detail: `no investigation, inspection, audit or complaint pending on ${asOf}`,
      },
    ];
  }
  return conditions.map((c) => {
    const resolved = resolvedOn(c);
    // A resolution takes effect on its day; a period runs through its last day.
    const cleared = resolved !== null && resolved <= asOf;
    const ended = c.toDate !== null && c.toDate < asOf;
    const detail = cleared
      ? `${name(c)} resolved on ${resolved}`
      : ended
        ? `${name(c)} ended on ${c.toDate}`
        : `${name(c)} open since ${c.fromDate}, pending on ${asOf}`;
    return { rule: EligibilityRule.NOT_SUSPENDED, passed: cleared || ended, ...cite(clause), detail };
  });
}

function disciplineChecks(conditions: readonly UnitCondition[], year: number, clause: EligibilityClause): EligibilityCheck[] {
  if (conditions.length === 0) {
    return [
      {
        rule: EligibilityRule.DISCIPLINE_PERIOD_OVER,
        passed: true,
        ...cite(clause),
        detail: `no discipline in effect during ${year} or since`,
      },
    ];
  }
  // Only records whose period reaches into the assessed year get here, so each one fails.
  return conditions.map((c) => {
    const end = effectiveEnd(c);
    return {
      rule: EligibilityRule.DISCIPLINE_PERIOD_OVER,
      passed: false,
      ...cite(clause),
      detail:
        end === null
          ? `${name(c)} in effect since ${c.fromDate} with no end; achievements count only after it ends`
          : `${name(c)} in effect until ${end}; achievements count only from the day after, not for all of ${year}`,
    };
  });
}

function negativeListChecks(
  conditions: readonly UnitCondition[],
  clause: EligibilityClause,
  year: number,
  asOf: string,
): EligibilityCheck[] {
  const inYear = conditions.filter((c) => c.fromDate <= `${year}-12-31`);
  if (inYear.length === 0) {
    return [
      {
        rule: EligibilityRule.NOT_ON_NEGATIVE_LIST,
        passed: true,
        ...cite(clause),
        detail: `no agency has listed a violation dated in ${year}`,
      },
    ];
  }
  return inYear.map((c) => {
    const resolved = resolvedOn(c);
    const withdrawn = resolved !== null && resolved <= asOf;
    return {
      rule: EligibilityRule.NOT_ON_NEGATIVE_LIST,
      passed: withdrawn,
      ...cite(clause, c.sourceAgency),
      detail: withdrawn
        ? `${name(c)} dated ${c.fromDate}, withdrawn on ${resolved}`
        : `${name(c)} dated ${c.fromDate}, listed by ${c.sourceAgency}`,
    };
  });
}

function ratingCheck(rating: UnitRating | undefined, year: number, excellent: EligibilityClause): EligibilityCheck {
  const clause = cite(excellent);
  const required = `${TaskRating.HTXSNV} (${TASK_RATING_NAMES[TaskRating.HTXSNV]})`;
  if (!rating) {
    return {
      rule: EligibilityRule.EXCELLENT_RATING,
      passed: false,
      ...clause,
      detail: `no task-completion rating recorded for ${year}; a flag requires ${required}`,
    };
  }
  const rated = `rated ${rating.rating} (${TASK_RATING_NAMES[rating.rating]}) for ${year} (basis: ${rating.basis})`;
  return rating.rating === TaskRating.HTXSNV
    ? { rule: EligibilityRule.EXCELLENT_RATING, passed: true, ...clause, detail: rated }
    : { rule: EligibilityRule.EXCELLENT_RATING, passed: false, ...clause, detail: `${rated}; a flag requires ${required}` };
}
