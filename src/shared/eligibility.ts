import type { AwardType } from './rules';

/**
 * Conditions recorded against a unit that suspend or block its awards (domain.md §4.5), the unit's yearly
 * task-completion rating, and the per-rule verdicts shown in the API and the dossier.
 */
export enum UnitConditionKind {
  /** Kỷ luật: achievements count only from the end of the discipline period (NĐ 152/2025 Art. 4(4)). */
  DISCIPLINE = 'DISCIPLINE',
  /** Điều tra: awards suspended while it is open (NĐ 152/2025 Art. 4(4)). */
  INVESTIGATION = 'INVESTIGATION',
  /** Thanh tra, kiểm tra có dấu hiệu vi phạm. */
  INSPECTION = 'INSPECTION',
  /** Kiểm toán có dấu hiệu vi phạm. */
  AUDIT = 'AUDIT',
  /** Khiếu nại, tố cáo (or press-reported corruption) under verification. */
  COMPLAINT = 'COMPLAINT',
  /** A violation reported by another agency (Công an, Thuế, BHXH, Thanh tra, ...) for the assessed year. */
  NEGATIVE_LIST = 'NEGATIVE_LIST',
}

export const UNIT_CONDITION_KINDS: readonly UnitConditionKind[] = Object.values(UnitConditionKind);

export const UNIT_CONDITION_NAMES: Record<UnitConditionKind, string> = {
  [UnitConditionKind.DISCIPLINE]: 'kỷ luật',
  [UnitConditionKind.INVESTIGATION]: 'điều tra',
  [UnitConditionKind.INSPECTION]: 'thanh tra, kiểm tra',
  [UnitConditionKind.AUDIT]: 'kiểm toán',
  [UnitConditionKind.COMPLAINT]: 'khiếu nại, tố cáo đang xác minh',
  [UnitConditionKind.NEGATIVE_LIST]: 'vi phạm do cơ quan khác thông báo',
};

/** Mức độ hoàn thành nhiệm vụ of the unit's party and mass organisations for a year. */
export enum TaskRating {
  HTXSNV = 'HTXSNV',
  HTTNV = 'HTTNV',
  HTNV = 'HTNV',
  KHTNV = 'KHTNV',
}

export const TASK_RATINGS: readonly TaskRating[] = Object.values(TaskRating);

export const TASK_RATING_NAMES: Record<TaskRating, string> = {
  [TaskRating.HTXSNV]: 'hoàn thành xuất sắc nhiệm vụ',
  [TaskRating.HTTNV]: 'hoàn thành tốt nhiệm vụ',
  [TaskRating.HTNV]: 'hoàn thành nhiệm vụ',
  [TaskRating.KHTNV]: 'không hoàn thành nhiệm vụ',
};

export interface UnitCondition {
  unitCode: string;
  kind: UnitConditionKind;
  /** The agency that reported or decided it, e.g. "Công an tỉnh", "Thanh tra tỉnh". */
  sourceAgency: string;
  description: string;
  /** The document that records it, e.g. a decision or list number. */
  reference: string;
  /** First day in effect (YYYY-MM-DD); for a negative-list record, the date of the violation. */
  fromDate: string;
  /** Last day in effect (YYYY-MM-DD), inclusive; null while open-ended. */
  toDate: string | null;
  /** ISO instant from which it is cleared (conclusion, withdrawal, lifted discipline); null while not resolved. */
  resolvedAt: string | null;
}

export interface UnitRating {
  unitCode: string;
  year: number;
  rating: TaskRating;
  /** The document the rating comes from, e.g. the party committee's or the superior's evaluation. */
  basis: string;
}

/** Stable codes of the eligibility rules. */
export enum EligibilityRule {
  NOT_SUSPENDED = 'NOT_SUSPENDED',
  DISCIPLINE_PERIOD_OVER = 'DISCIPLINE_PERIOD_OVER',
  NOT_ON_NEGATIVE_LIST = 'NOT_ON_NEGATIVE_LIST',
  EXCELLENT_RATING = 'EXCELLENT_RATING',
}

export interface EligibilityCheck {
  rule: EligibilityRule;
  passed: boolean;
  /** Legal basis that applied, in Vietnamese: the clause of the rule set in force on the date checked. */
  clause: string;
  /** What that clause requires, in Vietnamese (absent on checks recorded before clauses carried it). */
  requirement?: string;
  /** What was checked, in English, naming the record at fault or the one that cleared it. */
  detail: string;
}

export interface EligibilityResult {
  unitCode: string;
  award: AwardType;
  year: number;
  /** Date the conditions were evaluated at (YYYY-MM-DD). */
  asOf: string;
  eligible: boolean;
  checks: EligibilityCheck[];
}
