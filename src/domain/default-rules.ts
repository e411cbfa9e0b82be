import { AwardType, CountBase, LeaderSelection, type ProvinceRules } from '../shared/rules';

/**
 * The demo province's rule configuration. Values with a legal source name it in `basis`; values the law
 * does not fix (bloc quorum, bloc thresholds, caps) are the province's own choice and say so.
 * See shared/domain.md §3 and §9.
 */
export const DEFAULT_RULES: ProvinceRules = {
  rulesVersion: 'DEMO-2025.1',
  legalBasis: [
    'Luật Thi đua, khen thưởng số 06/2022/QH15',
    'Nghị định 152/2025/NĐ-CP',
    'Thông tư 15/2025/TT-BNV',
    'Quy chế tổ chức và hoạt động của cụm, khối thi đua (cấu hình của tỉnh)',
  ],
  receivingAgencyName: 'Phòng Thi đua – Khen thưởng, Sở Nội vụ',
  leaderSelection: LeaderSelection.ELECTED,
  deputyPromotes: false,
  conference: {
    quorumRatio: 2 / 3,
    quorumBase: CountBase.TOTAL_MEMBERS,
    secretBallot: true,
    basis: 'Quy chế khối thi đua (cấu hình của tỉnh): hội nghị hợp lệ khi có ít nhất 2/3 số đơn vị thành viên dự',
  },
  awards: {
    [AwardType.CO_THI_DUA_TINH]: {
      enabled: true,
      displayName: 'Cờ thi đua của UBND tỉnh',
      threshold: 0.8,
      thresholdBase: CountBase.TOTAL_MEMBERS,
      maxPerBloc: 1,
      requiresCouncil: true,
      forwardedUpward: false,
      basis: 'Luật TĐKT 2022 Điều 26; ngưỡng 80% tổng số thành viên do tỉnh cấu hình',
    },
    [AwardType.BANG_KHEN_CHU_TICH]: {
      enabled: true,
      displayName: 'Bằng khen của Chủ tịch UBND tỉnh',
      threshold: 0.5,
      thresholdBase: CountBase.TOTAL_MEMBERS,
      maxPerBloc: 3,
      requiresCouncil: false,
      forwardedUpward: false,
      basis: 'Luật TĐKT 2022 Điều 74; ngưỡng từ 50% tổng số thành viên trở lên do tỉnh cấu hình',
    },
    [AwardType.CO_THI_DUA_CHINH_PHU]: {
      enabled: true,
      displayName: 'Cờ thi đua của Chính phủ',
      threshold: 0.8,
      thresholdBase: CountBase.TOTAL_MEMBERS,
      maxPerBloc: 1,
      requiresCouncil: true,
      forwardedUpward: true,
      basis: 'Luật TĐKT 2022 Điều 25; Công văn 5007/BNV-TĐKT (tối đa 20% đơn vị dẫn đầu khối)',
    },
  },
  council: {
    quorumRatio: 2 / 3,
    awardSessionAttendanceRatio: 0.8,
    threshold: 0.8,
    thresholdBase: CountBase.TOTAL_MEMBERS,
    basis: 'Quy chế Hội đồng TĐKT tỉnh (mẫu theo QĐ 86/2025/QĐ-UBND Bắc Ninh): tối thiểu 2/3 thành viên, phiên xét khen ≥ 80%',
  },
  deadlines: {
    appraisalWorkingDays: 20,
    defaultPledgeDays: 30,
    defaultSelfAssessmentDays: 270,
  },
  holidays: [],
};
