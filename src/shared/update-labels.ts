import {
  appraiseUpdate,
  approveAppraisalUpdate,
  approveAssessmentUpdate,
  approveLeadershipUpdate,
  castBallotUpdate,
  closeAssessmentSignal,
  closeBallotUpdate,
  restartBallotUpdate,
  roundMovedSignal,
  closePledgesUpdate,
  closeSelfAssessmentUpdate,
  councilVoteUpdate,
  crossScoreUpdate,
  decideTieUpdate,
  decideUpdate,
  handToRoundUpdate,
  launchUpdate,
  openBallotUpdate,
  openConferenceUpdate,
  reviewAssessmentUpdate,
  reviewDossierUpdate,
  signPledgeUpdate,
  submitAssessmentUpdate,
  submitDossierUpdate,
  updateRuleSetsUpdate,
} from './messages';

/**
 * Vietnamese labels of the workflows' updates (src/shared/messages.ts), keyed by the update name that Temporal
 * records in each accepted request, for the admin's view of a cycle's workflow history.
 */
export const UPDATE_LABELS_VI: Record<string, string> = {
  [launchUpdate.name]: 'Phát động thi đua',
  [signPledgeUpdate.name]: 'Ký giao ước',
  [closePledgesUpdate.name]: 'Kết thúc giai đoạn ký giao ước',
  [closeSelfAssessmentUpdate.name]: 'Kết thúc giai đoạn tự chấm điểm',
  [openConferenceUpdate.name]: 'Khai mạc hội nghị tổng kết',
  [openBallotUpdate.name]: 'Mở bỏ phiếu suy tôn',
  [castBallotUpdate.name]: 'Bỏ phiếu',
  [closeBallotUpdate.name]: 'Kết thúc vòng bỏ phiếu, kiểm phiếu',
  [restartBallotUpdate.name]: 'Bỏ phiếu lại vòng đang mở với khóa kiểm phiếu mới',
  [decideTieUpdate.name]: 'Quyết định khi bằng phiếu',
  [approveLeadershipUpdate.name]: 'Phê duyệt Trưởng khối, Phó khối',
  [submitDossierUpdate.name]: 'Trình hồ sơ đề nghị khen thưởng',
  [reviewDossierUpdate.name]: 'Tiếp nhận hoặc trả hồ sơ',
  [appraiseUpdate.name]: 'Thẩm định hồ sơ',
  [approveAppraisalUpdate.name]: 'Duyệt kết quả thẩm định',
  [councilVoteUpdate.name]: 'Hội đồng TĐKT tỉnh bỏ phiếu',
  [decideUpdate.name]: 'Quyết định khen thưởng',
  [updateRuleSetsUpdate.name]: 'Cập nhật bộ quy tắc thi đua',
  [handToRoundUpdate.name]: 'Chuyển đề nghị vào đợt xét khen thưởng của tỉnh',
  [submitAssessmentUpdate.name]: 'Nộp bảng tự chấm điểm',
  [approveAssessmentUpdate.name]: 'Thủ trưởng đơn vị phê duyệt bảng điểm',
  [reviewAssessmentUpdate.name]: 'Trưởng khối xem xét bảng điểm',
  [crossScoreUpdate.name]: 'Chấm chéo',
};

/** Vietnamese labels of the workflows' signals. */
export const SIGNAL_LABELS_VI: Record<string, string> = {
  [closeAssessmentSignal.name]: 'Kết thúc tự chấm điểm của đơn vị',
  [roundMovedSignal.name]: 'Đợt xét khen thưởng của tỉnh báo có kết quả mới',
};

/** The label of an update; an unknown name (a newer workflow than this API) is shown as it is. */
export function updateLabelVi(name: string): string {
  return UPDATE_LABELS_VI[name] ?? name;
}

export function signalLabelVi(name: string): string {
  return SIGNAL_LABELS_VI[name] ?? name;
}
