import type { AssessmentRound, AssessmentState, TimelineEvent } from '../../../shared/cycle-types';

type Data = Record<string, unknown>;
type AssessmentWording = Record<string, (data: Data, view: AssessmentState) => string>;

/** The unit's name as its entry carries it (entries of workflows from before the machine bring their own sentence). */
const unitOf = (data: Data): string => String(data.unitName ?? data.unitCode);
const roundOf = (data: Data, view: AssessmentState): AssessmentRound | undefined =>
  view.rounds.find((r) => r.round === data.round);
/** The fixed review is the Trưởng khối's, or the Phó khối's for the Trưởng khối's own unit. */
const reviewer = (data: Data): string => (data.seat === 'DEPUTY' ? 'Phó khối' : 'Trưởng khối');
const inChain = (data: Data): boolean => data.chainId !== undefined;
const reason = (data: Data): string => (typeof data.reason === 'string' ? data.reason : '');

/** A unit's self-assessment entries (the child workflow's), from the entry's data and the sheet after it. */
const WORDING: AssessmentWording = {
  ASSESSMENT_OPENED: (data, view) => `Mở tự chấm điểm cho ${unitOf(data)}, hạn ${view.deadline}`,
  ASSESSMENT_SUBMITTED: (data) =>
    `${unitOf(data)} nộp bảng tự chấm điểm (lần ${String(data.round)}), tổng ${String(data.total)} điểm`,
  ASSESSMENT_RETURNED_BY_UNIT: (data) =>
    `Thủ trưởng ${unitOf(data)} trả lại bảng tự chấm điểm (lần ${String(data.round)}) cho cán bộ đầu mối: ${reason(data)}`,
  ASSESSMENT_APPROVED_BY_UNIT: (data) => `Thủ trưởng ${unitOf(data)} phê duyệt bảng tự chấm điểm (lần ${String(data.round)})`,
  ASSESSMENT_ACCEPTED: (data, view) => {
    if (inChain(data))
      return `Quy trình phê duyệt chấp nhận bảng tự chấm điểm của ${unitOf(data)}: ${String(data.selfTotal)} điểm`;
    return roundOf(data, view)?.verified?.adjusted
      ? `${reviewer(data)} chấp nhận bảng tự chấm điểm của ${unitOf(data)} (tự chấm ${String(data.selfTotal)} điểm), điểm thẩm định ${String(data.total)} điểm`
      : `${reviewer(data)} chấp nhận bảng tự chấm điểm của ${unitOf(data)}: ${String(data.selfTotal)} điểm`;
  },
  ASSESSMENT_RETURNED: (data) =>
    inChain(data)
      ? `Trả lại bảng tự chấm điểm của ${unitOf(data)}: ${reason(data)}`
      : `${reviewer(data)} trả lại bảng tự chấm điểm của ${unitOf(data)}: ${reason(data)}`,
  ASSESSMENT_CROSS_SCORED: (data) =>
    `Đơn vị ${String(data.scorerUnit)} chấm chéo bảng điểm của ${unitOf(data)} (lần ${String(data.round)}): ${String(data.total)} điểm`,
  ASSESSMENT_ESCALATED: (data) => `Bảng tự chấm điểm của ${unitOf(data)} bị trả lại quá số lần; chuyển Trưởng khối xem xét`,
  ASSESSMENT_WITHDRAWN: (data) => `${unitOf(data)} rút bảng tự chấm điểm (lần ${String(data.round)}) để chỉnh sửa`,
  ASSESSMENT_REJECTED: (data) => `Không chấp nhận bảng tự chấm điểm của ${unitOf(data)}: ${reason(data)}`,
  ASSESSMENT_LATE: (data) => `${unitOf(data)} chưa hoàn thành tự chấm điểm khi hết hạn`,
  ASSESSMENT_CLOSED: (data) => `Kết thúc tự chấm điểm của ${unitOf(data)}: không có kết quả được chấp nhận`,
};

/** Every type of entry a unit's self-assessment records (each has a sentence). */
export const ASSESSMENT_ENTRY_TYPES: readonly string[] = Object.keys(WORDING);

/**
 * The Vietnamese sentence of a unit's self-assessment entry, written by the read side from the entry's data and the
 * sheet as it stood after it. The workflow records data only.
 */
export function renderAssessmentEvent(event: Pick<TimelineEvent, 'type' | 'data'>, view: AssessmentState): string {
  const write = WORDING[event.type];
  if (!write) throw new Error(`no wording for self-assessment event ${event.type}`);
  return write(event.data ?? {}, view).normalize('NFC');
}

/** The titles of a round's approval chain (its subject and its one item) and why it is cancelled at the close. */
export function assessmentChainTitles(
  facts: { year: number; unitName: string },
  round: Pick<AssessmentRound, 'round' | 'total'>,
): { title: string; itemTitle: string; cancelReason: string } {
  return {
    title: `Bảng tự chấm điểm năm ${facts.year} – ${facts.unitName} (lần ${round.round})`,
    itemTitle: `Bảng tự chấm điểm của ${facts.unitName}, ${round.total} điểm`,
    cancelReason: 'Kết thúc giai đoạn tự chấm điểm',
  };
}
