import type { ChainDefinition } from './approval';

/**
 * The per-province rule configuration a cycle runs under. A snapshot of it is part of the cycle workflow's
 * input, so a running cycle is never changed by an edit to the province's rules.
 */
export enum AwardType {
  /** Cờ thi đua của UBND tỉnh (legal name: Cờ thi đua của bộ, ban, ngành, tỉnh; Luật TĐKT 2022 Art. 26). */
  CO_THI_DUA_TINH = 'CO_THI_DUA_TINH',
  /** Bằng khen của Chủ tịch UBND tỉnh (Luật TĐKT 2022 Art. 74). */
  BANG_KHEN_CHU_TICH = 'BANG_KHEN_CHU_TICH',
  /** Cờ thi đua của Chính phủ candidate, forwarded upward (Luật TĐKT 2022 Art. 25). */
  CO_THI_DUA_CHINH_PHU = 'CO_THI_DUA_CHINH_PHU',
}

export const AWARD_TYPES: readonly AwardType[] = Object.values(AwardType);

/** The base a ratio is counted on. */
export enum CountBase {
  TOTAL_MEMBERS = 'TOTAL_MEMBERS',
  PRESENT = 'PRESENT',
  VALID_BALLOTS = 'VALID_BALLOTS',
}

export enum LeaderSelection {
  ELECTED = 'ELECTED',
  APPOINTED = 'APPOINTED',
  ELECTED_THEN_APPROVED = 'ELECTED_THEN_APPROVED',
}

export interface AwardRule {
  enabled: boolean;
  /** Name shown to people in this province, e.g. "Cờ thi đua của UBND tỉnh". */
  displayName: string;
  /** Share of `thresholdBase` a candidate needs in the bloc ballot, in (0, 1]. */
  threshold: number;
  thresholdBase: CountBase;
  /** At most this many of the award per bloc and year. */
  maxPerBloc: number;
  /** Whether the provincial council votes on it (Cờ tỉnh, Cờ CP) or the board's standing body alone appraises it (Bằng khen). */
  requiresCouncil: boolean;
  /** Decided above the province: the chairman's approval forwards a tờ trình to the Prime Minister. */
  forwardedUpward: boolean;
  /** Legal basis of this rule, shown in the minutes and the dossier. */
  basis: string;
  /** Optional second cap as a share of the bloc's members (e.g. Bằng khen for at most half); the lower cap wins. */
  maxShareOfMembers?: number;
}

export interface ProvinceRules {
  /** Identifies the rule set and version, recorded with every decision it produces. */
  rulesVersion: string;
  legalBasis: string[];
  receivingAgencyName: string;
  leaderSelection: LeaderSelection;
  deputyPromotes: boolean;
  conference: {
    quorumRatio: number;
    quorumBase: CountBase.TOTAL_MEMBERS;
    secretBallot: boolean;
    basis: string;
    /** Written votes of absent members are counted (court and procuracy analogs). Default false. */
    allowAbsentWrittenVote?: boolean;
    /** Ballot rounds before the tie-breakers apply. Default 2 (court analog). */
    maxBallotRounds?: number;
    /** Whether a unit may vote for itself: not found in law, so a province choice. Default true. */
    selfVoteAllowed?: boolean;
    /** Applied in order after the last round. Default [TOTAL_SCORE, LEADER_DEPUTY_DECIDE]. */
    tieBreakers?: TieBreaker[];
    /** Criterion codes compared in order by INDICATOR_ORDER. */
    indicatorOrder?: string[];
  };
  awards: Record<AwardType, AwardRule>;
  council: {
    quorumRatio: number;
    awardSessionAttendanceRatio: number;
    threshold: number;
    thresholdBase: CountBase.TOTAL_MEMBERS | CountBase.PRESENT;
    basis: string;
    /** Written votes of absent members count in the province's round (Bắc Ninh QĐ 86/2025). Default true. */
    allowAbsentWrittenVote?: boolean;
  };
  deadlines: {
    /** Thẩm định: working days from a complete dossier (nhận đủ hồ sơ). */
    appraisalWorkingDays: number;
    /** Days a unit may still sign the pledge after launch when the Trưởng khối sets no date. */
    defaultPledgeDays: number;
    defaultSelfAssessmentDays: number;
  };
  /** Extra non-working days (YYYY-MM-DD) on top of the national calendar, e.g. a provincial day off. */
  holidays: string[];
  /** Cờ thi đua của Chính phủ: at most this share of the province's bloc-leading units (CV 5007/BNV-TĐKT). */
  governmentFlagQuota?: { maxShareOfBlocLeaders: number; basis: string };
  /**
   * Whether a Cờ thi đua của Chính phủ candidate at the bloc's ballot must also be a candidate for (and win) the
   * provincial flag. Absent: required (Luật TĐKT 2022 Art. 25(1) and CV 5007/BNV-TĐKT: chosen among the units voted
   * as bloc leaders). `false`: a candidate of its own (e.g. a province that proposes Cờ CP for a thematic movement).
   */
  governmentFlagCandidacy?: { requiresProvincialFlag: boolean; basis: string };
  /** A flag needs the unit's party and mass organisations rated "hoàn thành xuất sắc nhiệm vụ" (Luật 2022 Art. 26(1)(b)). */
  eligibility?: {
    flagRequiresExcellentRating: boolean;
    suspendWhilePending: boolean;
    basis: string;
    /** The clause each eligibility check cites, with what it requires; the current law's when absent. */
    clauses?: EligibilityClauses;
  };
  /**
   * Steps that run as an approval chain (src/domain/approval) instead of their fixed steps, each configured as data:
   * - `selfAssessment`: a unit's submitted self-assessment, one item per submission (e.g. the unit's head, scope
   *   SUBJECT_UNIT, then the Trưởng khối, role BLOC_LEADER); a return goes back to the unit, whose new scores open the
   *   next round's chain.
   * - `dossierReview`: the board's check of the submitted dossier for completeness, one item per submission; a return
   *   goes back to the Trưởng khối, whose new tờ trình opens the next round's chain; approval is the complete dossier.
   * - `appraisal`: from the complete dossier to the chairman's decision, each nominee a line item (e.g. chuyên viên →
   *   trưởng phòng → Hội đồng TĐKT tỉnh); returns are answered in the chain by the Trưởng khối who submitted.
   * - `leadershipApproval`: the superior's approval of the elected Trưởng khối and Phó khối (ELECTED_THEN_APPROVED),
   *   one item per seat, the elected unit recused from its own; a seat not approved is then designated by decision.
   * The chairman's formal decision (số quyết định) stays its own step.
   */
  approvalChains?: ApprovalChainSteps;
}

/** The cycle's steps that can run as an approval chain. */
export const CHAIN_STEPS = ['selfAssessment', 'dossierReview', 'appraisal', 'leadershipApproval'] as const;
export type ChainStep = (typeof CHAIN_STEPS)[number];
export type ApprovalChainSteps = Partial<Record<ChainStep, ChainDefinition>>;

/** Order in which equal candidates are separated after the last ballot round (domain.md §3.1). */
export enum TieBreaker {
  /** The better verified total score of the year. */
  TOTAL_SCORE = 'TOTAL_SCORE',
  /** Named criteria compared one by one, in `indicatorOrder` (e.g. Cần Thơ KH 157/2025). */
  INDICATOR_ORDER = 'INDICATOR_ORDER',
  /** NĐ 152/2025 Art. 4(6): a collective with at least 70% women is preferred. */
  WOMEN_RATIO_70 = 'WOMEN_RATIO_70',
  /** The Trưởng khối and Phó khối decide (court analog, TT 01/2024/TT-TANDTC). */
  LEADER_DEPUTY_DECIDE = 'LEADER_DEPUTY_DECIDE',
}

/**
 * A versioned rule set of a province: the rules, their legal basis (căn cứ) and the dates they are in
 * force. Intervals of one province never overlap; a cycle applies, at each step, the set in force at
 * that step's date.
 */
export interface RuleSet {
  provinceCode: string;
  /** Unique per province, e.g. "BK-ND98-2024" or "BK-ND152-2025.1"; recorded with every decision. */
  version: string;
  legalBasis: string[];
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  /** Last day in force, YYYY-MM-DD; null while open-ended. */
  validTo: string | null;
  rules: ProvinceRules;
  /** 1 when created; each edit in place adds one (absent on sets recorded before revisions existed). */
  revision?: number;
}

/**
 * What a decision records as the rule set that decided it: the version, and from the second revision on
 * "version@revision", so two decisions under different content never claim the same string.
 */
export function decidingVersion(set: Pick<RuleSet, 'version' | 'revision'>): string {
  return set.revision && set.revision > 1 ? `${set.version}@${set.revision}` : set.version;
}

/** A clause of the law as an eligibility check cites it: where it stands and, in Vietnamese, what it requires. */
export interface EligibilityClause {
  citation: string;
  requirement: string;
}

/** The clauses of the rule set in force that the eligibility checks cite (see src/domain/eligibility.ts). */
export interface EligibilityClauses {
  /** No award while under investigation, inspection, audit, or an unresolved complaint. */
  suspension: EligibilityClause;
  /** Achievements count only after a discipline period ends. */
  discipline: EligibilityClause;
  /** A flag needs the party and mass organisations rated excellent. */
  excellentRating: EligibilityClause;
  /** The violation lists the province's agencies send before awards. */
  negativeLists: EligibilityClause;
}
