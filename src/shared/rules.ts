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
  };
  awards: Record<AwardType, AwardRule>;
  council: {
    quorumRatio: number;
    awardSessionAttendanceRatio: number;
    threshold: number;
    thresholdBase: CountBase.TOTAL_MEMBERS | CountBase.PRESENT;
    basis: string;
  };
  deadlines: {
    /** Thẩm định: working days from a complete dossier (nhận đủ hồ sơ). */
    appraisalWorkingDays: number;
    /** Days a unit may still sign the pledge after launch when the Trưởng khối sets no date. */
    defaultPledgeDays: number;
    defaultSelfAssessmentDays: number;
  };
  /** Public holidays (YYYY-MM-DD) that are not working days; the full lunar calendar is a rules-engine concern. */
  holidays: string[];
}
