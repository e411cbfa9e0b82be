import { NomineeStatus, type CycleState } from '../../../shared/cycle-types';
import { nameOf, namesOf, type Wording } from './types';

/** A value absent from the data reads as nothing (a chain's settlement without a reason). */
const orEmpty = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
const listed = (codes: unknown): unknown[] => (Array.isArray(codes) ? codes : []);
const awaiting = (view: CycleState, status: NomineeStatus): number => view.nominees.filter((n) => n.status === status).length;

/** Every entry of the cycle outside the conference. */
export const stepsWording: Wording = {
  CYCLE_STARTED: (_data, view) => `Khởi tạo chu kỳ thi đua năm ${view.year} của ${view.blocName}`,
  LAUNCHED: (data, view) => `Trưởng khối phát động thi đua năm ${view.year}, ${String(data.criteria)} tiêu chí`,

  PLEDGE_SIGNED: (data, view) => `${nameOf(view, data.unitCode)} ký giao ước thi đua`,
  PLEDGE_CLOSE_REQUESTED: () => 'Trưởng khối kết thúc giai đoạn ký giao ước sau khi hết hạn',
  PLEDGE_CLOSED: (data, view) =>
    listed(data.late).length === 0
      ? 'Tất cả đơn vị đã ký giao ước thi đua'
      : `Hết hạn ký giao ước; đơn vị chưa ký: ${namesOf(view, data.late)}`,

  SELF_ASSESSMENT_CLOSE_REQUESTED: () => 'Trưởng khối kết thúc giai đoạn tự chấm điểm sau khi hết hạn',
  SELF_ASSESSMENT_CLOSED: (data, view) =>
    listed(data.late).length === 0
      ? 'Tất cả đơn vị đã hoàn thành tự chấm điểm'
      : `Kết thúc tự chấm điểm; đơn vị không có kết quả: ${namesOf(view, data.late)}`,

  SUBMISSION_OPENED: (data) => `Trưởng khối lập hồ sơ đề nghị khen thưởng gửi ${String(data.receivingAgencyName)}`,
  DOSSIER_SUBMITTED: (data) =>
    `Trưởng khối trình hồ sơ đề nghị khen thưởng (lần ${String(data.round)}) tới ${String(data.receivingAgencyName)}, tờ trình số ${String(data.toTrinh)}`,
  DOSSIER_RETURNED: (data) => `${String(data.receivingAgencyName)} trả hồ sơ để bổ sung: ${orEmpty(data.reason)}`,
  DOSSIER_ACCEPTED: (data) =>
    `${String(data.receivingAgencyName)} nhận đủ hồ sơ; hạn thẩm định ${String(data.appraisalDueDate)} (${String(data.appraisalWorkingDays)} ngày làm việc)`,
  DOSSIER_WITHDRAWN: (data) => `Trưởng khối rút hồ sơ đề nghị khen thưởng (lần ${String(data.round)}) để hoàn thiện`,
  DOSSIER_REVIEW_ESCALATED: (data) =>
    data.chainId === undefined
      ? 'Bộ quy tắc không còn quy trình kiểm tra hồ sơ; chuyên viên kiểm tra trực tiếp'
      : `Hồ sơ bị trả lại quá số lần; chuyển chuyên viên Phòng TĐKT xem xét trực tiếp`,
  DOSSIER_REJECTED: (data) => `${String(data.receivingAgencyName)} không chấp nhận hồ sơ: ${orEmpty(data.reason)}`,

  APPRAISED: (data) => {
    const opinions = listed(data.opinions) as { recommend?: boolean }[];
    return `Chuyên viên thẩm định hồ sơ: đề xuất ${opinions.filter((o) => o.recommend).length}/${opinions.length} đề nghị`;
  },
  APPRAISAL_RETURNED: (data) => `Trưởng phòng trả lại kết quả thẩm định: ${String(data.reason)}`,
  APPRAISAL_APPROVED: (_data, view) =>
    `Trưởng phòng duyệt kết quả thẩm định; ${awaiting(view, NomineeStatus.AWAITING_COUNCIL)} đề nghị trình Hội đồng TĐKT tỉnh`,
  APPRAISAL_OVERDUE: (data) => `Quá hạn thẩm định hồ sơ (hạn ${String(data.appraisalDueDate)}, tính từ ngày nhận đủ hồ sơ)`,
  APPRAISAL_CHAIN_COMPLETED: (_data, view) =>
    `Hoàn thành quy trình thẩm định: ${awaiting(view, NomineeStatus.AWAITING_DECISION)}/${view.nominees.length} đề nghị trình Chủ tịch UBND tỉnh`,
  COUNCIL_VOTED: (data, view) => {
    const votes = listed(data.votes) as { votesFor: number }[];
    const required = Number(data.required);
    const passed = votes.filter((v) => v.votesFor >= required).length;
    return `Hội đồng TĐKT tỉnh bỏ phiếu ngày ${String(view.council?.sessionDate)}: ${passed}/${votes.length} đề nghị đạt (cần ${required} phiếu)`;
  },

  HANDED_TO_ROUND: (data) => `Chuyển các đề nghị của khối vào đợt xét khen thưởng của tỉnh (${String(data.roundId)})`,
  ROUND_OUTCOMES: (data) => {
    const outcomes = listed(data.outcomes);
    return `Cập nhật kết quả xét khen thưởng của tỉnh cho ${outcomes.length} đề nghị (${String(data.roundId)})`;
  },

  DECIDED: (data) => {
    const items = listed(data.items) as { approve?: boolean }[];
    const approved = items.filter((i) => i.approve).length;
    return `Chủ tịch UBND tỉnh ban hành Quyết định số ${String(data.decisionNumber)} ngày ${String(data.decisionDate)}: ${approved} đồng ý, ${
      items.length - approved
    } không đồng ý`;
  },

  LEADERSHIP_APPROVED: (data, view) =>
    data.chainId === undefined
      ? `Phê duyệt Trưởng khối ${nameOf(view, data.nextLeader)}, Phó khối ${nameOf(view, data.nextDeputy)} năm ${view.year + 1} (${String(data.decisionRef)})`
      : `Phê duyệt Trưởng khối ${nameOf(view, data.nextLeader)}, Phó khối ${nameOf(view, data.nextDeputy)} năm ${view.year + 1} (quy trình phê duyệt ${orEmpty(data.chainId)})`,
  LEADERSHIP_NOT_APPROVED: (data) => {
    const reasons = listed(data.reasons).map(String);
    return `Kết quả bầu Trưởng khối, Phó khối chưa được phê duyệt${reasons.length ? `: ${reasons.join('; ')}` : ''}; cấp có thẩm quyền quyết định`;
  },

  CYCLE_COMPLETED: (data, view) =>
    `Hoàn thành chu kỳ thi đua năm ${view.year}; bàn giao Trưởng khối cho ${nameOf(view, data.nextLeader)}, Phó khối ${nameOf(view, data.nextDeputy)}`,

  RULE_SETS_UPDATED: (data) => {
    const sets = listed(data.validity) as { version: string; validFrom: string; validTo?: string | null }[];
    return `Cập nhật bộ quy tắc thi đua của tỉnh: ${sets.map((r) => `${r.version} (${r.validFrom} – ${r.validTo ?? 'nay'})`).join('; ')}`;
  },
};
