import type { AssessmentStatus, AwardType, CycleView, NomineeStatus, Phase, Role } from '../api/types';

/** Vietnamese names shown to people for the codes the API answers with. */

export const PHASES: readonly Phase[] = [
  'LAUNCH',
  'PLEDGE',
  'SELF_ASSESSMENT',
  'CONFERENCE',
  'SUBMISSION',
  'APPRAISAL',
  'DECISION',
  'COMPLETED',
];

export const PHASE_LABELS: Record<Phase, string> = {
  LAUNCH: 'Phát động',
  PLEDGE: 'Ký giao ước',
  SELF_ASSESSMENT: 'Tự chấm điểm',
  CONFERENCE: 'Hội nghị tổng kết',
  SUBMISSION: 'Trình hồ sơ',
  APPRAISAL: 'Thẩm định',
  DECISION: 'Quyết định',
  COMPLETED: 'Hoàn thành',
};

export const ROLE_LABELS: Record<Role, string> = {
  UNIT_HEAD: 'Thủ trưởng đơn vị',
  UNIT_FOCAL: 'Cán bộ đầu mối thi đua',
  BOARD_SPECIALIST: 'Chuyên viên Phòng Thi đua – Khen thưởng',
  BOARD_HEAD: 'Trưởng phòng Thi đua – Khen thưởng',
  COUNCIL_MEMBER: 'Thành viên Hội đồng Thi đua – Khen thưởng tỉnh',
  CHAIRMAN: 'Chủ tịch UBND tỉnh',
  ADMIN: 'Quản trị hệ thống',
  AUDITOR: 'Kiểm tra, thanh tra (chỉ xem)',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const AWARDS: readonly AwardType[] = ['CO_THI_DUA_TINH', 'BANG_KHEN_CHU_TICH', 'CO_THI_DUA_CHINH_PHU'];

export const AWARD_LABELS: Record<AwardType, string> = {
  CO_THI_DUA_TINH: 'Cờ thi đua của UBND tỉnh',
  BANG_KHEN_CHU_TICH: 'Bằng khen của Chủ tịch UBND tỉnh',
  CO_THI_DUA_CHINH_PHU: 'Cờ thi đua của Chính phủ',
};

export const NOMINEE_STATUS_LABELS: Record<NomineeStatus, string> = {
  PROPOSED: 'Đã đề nghị',
  IN_APPRAISAL: 'Đang thẩm định',
  NOT_RECOMMENDED: 'Không được đề xuất',
  AWAITING_COUNCIL: 'Chờ Hội đồng bỏ phiếu',
  COUNCIL_REJECTED: 'Hội đồng không thông qua',
  AWAITING_DECISION: 'Chờ Chủ tịch quyết định',
  APPROVED: 'Được khen thưởng',
  FORWARDED: 'Đã trình Thủ tướng Chính phủ',
  REJECTED: 'Không được khen thưởng',
};

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  DRAFT: 'Chưa nộp',
  SUBMITTED: 'Đã nộp, chờ thủ trưởng phê duyệt',
  UNIT_APPROVED: 'Chờ Trưởng khối xem xét',
  IN_APPROVAL: 'Đang phê duyệt theo quy trình',
  RETURNED: 'Bị trả lại, cần nộp lại',
  ACCEPTED: 'Đã được chấp nhận',
  REJECTED: 'Không được chấp nhận',
  CLOSED: 'Đã kết thúc (không được chấp nhận)',
};

export const assessmentStatusLabel = (status: AssessmentStatus | null | undefined): string =>
  status ? ASSESSMENT_STATUS_LABELS[status] : 'Chưa mở';

export const DOSSIER_STATUS_LABELS = {
  SUBMITTED: 'Đã trình, chờ kiểm tra',
  RETURNED: 'Bị trả lại để bổ sung',
  WITHDRAWN: 'Đã rút để hoàn thiện',
  ACCEPTED: 'Đã tiếp nhận đủ hồ sơ',
  REJECTED: 'Không được chấp nhận',
} as const;

export const APPRAISAL_STATUS_LABELS = {
  PENDING: 'Chờ thẩm định',
  APPRAISED: 'Đã thẩm định, chờ Trưởng phòng duyệt',
  APPROVED: 'Kết quả thẩm định đã được duyệt',
} as const;

export const CRITERION_TYPE_LABELS = { NORMAL: 'Tiêu chí', BONUS: 'Điểm thưởng', PENALTY: 'Điểm trừ' } as const;

/** The unit's name in the cycle, or its code when unknown. */
export function unitName(cycle: Pick<CycleView, 'units'> | undefined, code: string | undefined | null): string {
  if (!code) return '—';
  return cycle?.units.find((u) => u.code === code)?.name ?? code;
}
