import { DEFAULT_RULES } from './default-rules';
import { CURRENT_ELIGIBILITY_CLAUSES } from './eligibility';
import { AwardType, TieBreaker, type ProvinceRules, type RuleSet } from '../shared/rules';

/**
 * The demo province's rule sets, one per legal period (shared/domain.md §0). Each starts from DEFAULT_RULES
 * and changes only what the sources say changed between periods; a value no source fixes keeps the default
 * and its `basis` says it is the province's own choice. Versions carry the province code because the version
 * is what every decision records.
 */
export function demoRuleSets(provinceCode: string): RuleSet[] {
  return [nd91(provinceCode), nd98(provinceCode), nd152(provinceCode)];
}

const CO_TINH = AwardType.CO_THI_DUA_TINH;
const BANG_KHEN = AwardType.BANG_KHEN_CHU_TICH;
const CO_CP = AwardType.CO_THI_DUA_CHINH_PHU;

const PROVINCE_CHOICE = 'tỉnh tự quy định; không tìm thấy quy định chung';
const BLOC_RULES = 'Quy chế tổ chức và hoạt động của cụm, khối thi đua (cấu hình của tỉnh)';
/** The period's decree is the source, but which article says it was not verified: the citation says so. */
const UNVERIFIED_ARTICLE = 'điều khoản chưa xác minh';

function ruleSet(
  provinceCode: string,
  version: string,
  legalBasis: string[],
  validFrom: string,
  validTo: string | null,
  rules: Omit<ProvinceRules, 'rulesVersion' | 'legalBasis'>,
): RuleSet {
  return { provinceCode, version, legalBasis, validFrom, validTo, rules: { rulesVersion: version, legalBasis, ...rules } };
}

/**
 * Nghị định 91/2017/NĐ-CP under the Luật Thi đua, khen thưởng 2003 (amended 2005, 2013), until the 2022 Law
 * took effect on 01/01/2024. Scenario S1 (FY2020) runs under it. domain.md gives no date for the Decree:
 * validFrom is its signing date, 31/07/2017, not a verified effective date.
 * Differences from today: the receiving body was the Ban Thi đua – Khen thưởng (§9); provincial TTHC of the
 * period give 25 working days for appraisal (Hải Dương, Thanh Hóa, §1.3); the Cờ CP cap of 20% dates from
 * this period (ND 91; CV 5007/BNV-TĐKT of 2023, §4.2). The Cờ CP dossier date (31/3 under ND 91) is no field.
 */
function nd91(provinceCode: string): RuleSet {
  const base = DEFAULT_RULES;
  return ruleSet(
    provinceCode,
    `${provinceCode}-ND91-2017`,
    [
      'Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)',
      'Nghị định 91/2017/NĐ-CP',
      'Hướng dẫn 1479/HD-BTĐKT ngày 25/7/2016 của Ban Thi đua – Khen thưởng Trung ương',
      BLOC_RULES,
    ],
    '2017-07-31',
    '2023-12-31',
    {
      receivingAgencyName: 'Ban Thi đua – Khen thưởng, Sở Nội vụ',
      leaderSelection: base.leaderSelection,
      deputyPromotes: base.deputyPromotes,
      conference: {
        ...base.conference,
        basis: `Quy chế khối thi đua: hội nghị hợp lệ khi có ít nhất 2/3 số đơn vị thành viên dự (${PROVINCE_CHOICE})`,
      },
      awards: {
        [CO_TINH]: {
          ...base.awards[CO_TINH],
          basis: `Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP; ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [BANG_KHEN]: {
          ...base.awards[BANG_KHEN],
          basis: `Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP; ngưỡng từ 50% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [CO_CP]: {
          ...base.awards[CO_CP],
          basis:
            'Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (Cờ thi đua của Chính phủ tối đa 20%); ' +
            `Công văn 5007/BNV-TĐKT ngày 05/9/2023; ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
      },
      council: {
        ...base.council,
        basis: `Quy chế Hội đồng TĐKT tỉnh: tối thiểu 2/3 thành viên, phiên xét khen ≥ 80% (${PROVINCE_CHOICE} cho giai đoạn này)`,
      },
      deadlines: { ...base.deadlines, appraisalWorkingDays: 25 },
      holidays: [],
      governmentFlagQuota: {
        maxShareOfBlocLeaders: 0.2,
        basis: 'Nghị định 91/2017/NĐ-CP; Công văn 5007/BNV-TĐKT ngày 05/9/2023: tối đa 20% số đơn vị dẫn đầu cụm, khối',
      },
      eligibility: {
        flagRequiresExcellentRating: true,
        suspendWhilePending: true,
        basis: `Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (${PROVINCE_CHOICE} cho giai đoạn này)`,
        clauses: {
          suspension: {
            citation: `Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (${UNVERIFIED_ARTICLE})`,
            requirement:
              'Chưa xét khen thưởng đối với tập thể đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra khi có dấu hiệu ' +
              'vi phạm hoặc có đơn thư khiếu nại, tố cáo đang được xác minh.',
          },
          discipline: {
            citation: `Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (${UNVERIFIED_ARTICLE})`,
            requirement: 'Tập thể đang trong thời hạn kỷ luật chưa được xét khen thưởng cho thành tích của thời gian đó.',
          },
          excellentRating: {
            citation: `Luật TĐKT 2003 (sửa đổi 2013), tiêu chuẩn Cờ thi đua cấp tỉnh (${UNVERIFIED_ARTICLE})`,
            requirement: 'Cờ thi đua: nội bộ đoàn kết, tổ chức đảng, đoàn thể trong sạch, vững mạnh.',
          },
          negativeLists: CURRENT_ELIGIBILITY_CLAUSES.negativeLists,
        },
      },
    },
  );
}

/**
 * Nghị định 98/2023/NĐ-CP with Thông tư 01/2024/TT-BNV, from the 2022 Law's effective date until NĐ 152 took
 * over (§0). TT 01/2024 is dated 24/02/2024, so for the first weeks the Decree applied alone.
 * The 20-working-day appraisal is the Decree's own limit for Bộ Nội vụ (ND 98 Art. 32(2), §1.3); no provincial
 * TTHC of this period was found, so the province keeps 20. The flag criterion of Luật 2022 Art. 26(1)(b) holds.
 */
function nd98(provinceCode: string): RuleSet {
  const base = DEFAULT_RULES;
  return ruleSet(
    provinceCode,
    `${provinceCode}-ND98-2024`,
    ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định 98/2023/NĐ-CP', 'Thông tư 01/2024/TT-BNV', BLOC_RULES],
    '2024-01-01',
    '2025-06-30',
    {
      receivingAgencyName: 'Ban Thi đua – Khen thưởng, Sở Nội vụ',
      leaderSelection: base.leaderSelection,
      deputyPromotes: base.deputyPromotes,
      conference: {
        ...base.conference,
        basis: `Quy chế khối thi đua: hội nghị hợp lệ khi có ít nhất 2/3 số đơn vị thành viên dự (${PROVINCE_CHOICE})`,
      },
      awards: {
        [CO_TINH]: {
          ...base.awards[CO_TINH],
          basis: `Luật TĐKT 2022 Điều 26; ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [BANG_KHEN]: {
          ...base.awards[BANG_KHEN],
          basis: `Luật TĐKT 2022 Điều 74; ngưỡng từ 50% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [CO_CP]: {
          ...base.awards[CO_CP],
          basis:
            'Luật TĐKT 2022 Điều 25; Công văn 5007/BNV-TĐKT ngày 05/9/2023 (tối đa 20% đơn vị dẫn đầu khối); ' +
            `ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
      },
      council: {
        ...base.council,
        basis: `Quy chế Hội đồng TĐKT tỉnh: tối thiểu 2/3 thành viên, phiên xét khen ≥ 80% (${PROVINCE_CHOICE} cho giai đoạn này)`,
      },
      deadlines: { ...base.deadlines, appraisalWorkingDays: 20 },
      holidays: [],
      governmentFlagQuota: {
        maxShareOfBlocLeaders: 0.2,
        basis:
          'Công văn 5007/BNV-TĐKT ngày 05/9/2023: tối đa 20% số đơn vị dẫn đầu cụm, khối ' +
          '(ban hành theo Nghị định 91/2017; chưa xác minh còn áp dụng, tỉnh giữ làm mặc định)',
      },
      eligibility: {
        flagRequiresExcellentRating: true,
        suspendWhilePending: true,
        basis:
          'Luật TĐKT 2022 Điều 26 khoản 1 điểm b (tổ chức đảng, đoàn thể hoàn thành xuất sắc nhiệm vụ); ' +
          `tạm dừng xét khi đang bị xem xét kỷ luật, thanh tra, kiểm tra (${PROVINCE_CHOICE} cho giai đoạn này)`,
        clauses: {
          ...CURRENT_ELIGIBILITY_CLAUSES,
          suspension: {
            ...CURRENT_ELIGIBILITY_CLAUSES.suspension,
            citation: `Nghị định 98/2023/NĐ-CP (${UNVERIFIED_ARTICLE}; ${PROVINCE_CHOICE} cho giai đoạn này)`,
          },
          discipline: {
            ...CURRENT_ELIGIBILITY_CLAUSES.discipline,
            citation: `Nghị định 98/2023/NĐ-CP (${UNVERIFIED_ARTICLE}; ${PROVINCE_CHOICE} cho giai đoạn này)`,
          },
        },
      },
    },
  );
}

/**
 * Nghị định 152/2025/NĐ-CP with Thông tư 15/2025/TT-BNV, from 01/07/2025, open-ended (§0, §9: the current
 * default). TT 15/2025 reportedly took effect on 05/08/2025 [UNVERIFIED]. Differences from the NĐ 98 period:
 * the receiving body is now the Phòng Thi đua – Khen thưởng of the Sở Nội vụ (DEFAULT_RULES), appraisal is
 * 20 working days (QĐ 638/QĐ-BNV 2025, §1.3), suspension while a unit is under review is law (NĐ 152
 * Art. 4(4)), and equal candidates prefer a collective with at least 70% women (NĐ 152 Art. 4(6)).
 */
function nd152(provinceCode: string): RuleSet {
  const base = DEFAULT_RULES;
  return ruleSet(
    provinceCode,
    `${provinceCode}-ND152-2025`,
    ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định 152/2025/NĐ-CP', 'Thông tư 15/2025/TT-BNV', BLOC_RULES],
    '2025-07-01',
    null,
    {
      receivingAgencyName: base.receivingAgencyName,
      leaderSelection: base.leaderSelection,
      deputyPromotes: base.deputyPromotes,
      conference: {
        ...base.conference,
        basis:
          `Quy chế khối thi đua: hội nghị hợp lệ khi có ít nhất 2/3 số đơn vị thành viên dự (${PROVINCE_CHOICE}); ` +
          'khi bằng nhau ưu tiên tập thể có từ 70% nữ trở lên (Nghị định 152/2025/NĐ-CP Điều 4 khoản 6)',
        tieBreakers: [TieBreaker.WOMEN_RATIO_70, TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE],
      },
      awards: {
        [CO_TINH]: {
          ...base.awards[CO_TINH],
          basis: `Luật TĐKT 2022 Điều 26; ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [BANG_KHEN]: {
          ...base.awards[BANG_KHEN],
          basis: `Luật TĐKT 2022 Điều 74; ngưỡng từ 50% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
        [CO_CP]: {
          ...base.awards[CO_CP],
          basis:
            'Luật TĐKT 2022 Điều 25; Công văn 5007/BNV-TĐKT (tối đa 20% đơn vị dẫn đầu khối, chưa xác minh theo NĐ 152); ' +
            `ngưỡng 80% tổng số thành viên (${PROVINCE_CHOICE})`,
        },
      },
      council: base.council,
      deadlines: { ...base.deadlines, appraisalWorkingDays: 20 },
      holidays: [],
      governmentFlagQuota: {
        maxShareOfBlocLeaders: 0.2,
        basis:
          'Công văn 5007/BNV-TĐKT ngày 05/9/2023: tối đa 20% số đơn vị dẫn đầu cụm, khối ' +
          '(chưa xác minh còn áp dụng theo Nghị định 152/2025, tỉnh giữ làm mặc định)',
      },
      eligibility: {
        flagRequiresExcellentRating: true,
        suspendWhilePending: true,
        basis:
          'Luật TĐKT 2022 Điều 26 khoản 1 điểm b; Nghị định 152/2025/NĐ-CP Điều 4 khoản 4 ' +
          '(tạm dừng xét khi đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra)',
        clauses: CURRENT_ELIGIBILITY_CLAUSES,
      },
    },
  );
}
