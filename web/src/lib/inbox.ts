import type { CycleView, InboxItem, Phase, Role } from '../api/types';
import { endOfDayVn } from './format';
import { unitName } from './labels';

/**
 * The cycle steps waiting for a person, derived from the cycle's state and the role they act in. The server's
 * inbox (GET /v1/inbox) is preferred where it answers; this keeps the page useful where it does not, and gives
 * each step its page and context.
 */
export interface Acting {
  role: Role;
  unitCode?: string;
  provinceCode?: string;
}

export type CycleAction =
  | 'LAUNCH'
  | 'SIGN_PLEDGE'
  | 'SUBMIT_ASSESSMENT'
  | 'APPROVE_ASSESSMENT'
  | 'REVIEW_ASSESSMENT'
  | 'CLOSE_SELF_ASSESSMENT'
  | 'OPEN_CONFERENCE'
  | 'OPEN_BALLOT'
  | 'CAST_BALLOT'
  | 'CLOSE_BALLOT'
  | 'DECIDE_TIE'
  | 'SUBMIT_DOSSIER'
  | 'REVIEW_DOSSIER'
  | 'APPRAISE'
  | 'APPROVE_APPRAISAL'
  | 'COUNCIL_VOTE'
  | 'DECIDE'
  | 'APPROVE_LEADERSHIP';

/** An inbox row: the API's shape, plus what the page needs to open and act on a cycle step. */
export interface Task extends InboxItem {
  /** The page where the step is done (path below /app). */
  href?: string;
  /** Decided with others in one go from the inbox: approval-chain items, and the Trưởng khối's acceptance of sheets. */
  bulk?: 'ACCEPT_ASSESSMENT' | 'APPROVAL';
}

export function isLeaderOf(cycle: CycleView, acting: Acting): boolean {
  return acting.role === 'UNIT_HEAD' && acting.unitCode === cycle.leaderUnit;
}

export function isDeputyOf(cycle: CycleView, acting: Acting): boolean {
  return acting.role === 'UNIT_HEAD' && acting.unitCode === cycle.deputyUnit;
}

const isOverdue = (due: string | undefined, now: Date) => due !== undefined && now.getTime() > Date.parse(due);

export function cycleTasks(cycle: CycleView, acting: Acting, now: Date = new Date()): Task[] {
  if (cycle.status === 'COMPLETED') return [];
  const tasks: Task[] = [];
  const id = cycle.cycleId;
  const add = (action: CycleAction, title: string, extra: Partial<Task> = {}) =>
    tasks.push({
      id: [id, action, extra.unitCode].filter((p) => p !== undefined).join('/'),
      kind: 'CYCLE_STEP',
      action,
      title,
      provinceCode: cycle.provinceCode,
      blocCode: cycle.blocCode,
      cycleId: id,
      phase: cycle.phase,
      href: stepHref(id, action),
      ...(action === 'REVIEW_ASSESSMENT' ? { bulk: 'ACCEPT_ASSESSMENT' as const } : {}),
      ...extra,
      overdue: isOverdue(extra.dueAt, now),
    });
  const unit = acting.unitCode;
  const member = unit !== undefined && cycle.units.some((u) => u.code === unit);
  const leader = isLeaderOf(cycle, acting);
  const launch = cycle.launch;
  const year = cycle.year;

  if (leader && cycle.phase === 'LAUNCH') add('LAUNCH', `Phát động thi đua năm ${year}: kế hoạch, tiêu chí, giao ước`);

  if (member && acting.role === 'UNIT_HEAD' && cycle.phase === 'PLEDGE' && !cycle.pledges[unit]) {
    add('SIGN_PLEDGE', `Ký giao ước thi đua năm ${year}`, { dueAt: launch?.pledgeDeadline });
  }

  if (member && cycle.phase === 'SELF_ASSESSMENT') {
    const status = cycle.unitProgress.find((p) => p.unitCode === unit)?.assessmentStatus ?? 'DRAFT';
    if (status === 'DRAFT' || status === 'RETURNED') {
      const title = status === 'RETURNED' ? 'Nộp lại bảng tự chấm điểm (đã bị trả lại)' : 'Nộp bảng tự chấm điểm của đơn vị';
      add('SUBMIT_ASSESSMENT', title, { dueAt: launch?.selfAssessmentDeadline });
    }
    if (status === 'SUBMITTED' && acting.role === 'UNIT_HEAD') {
      add('APPROVE_ASSESSMENT', 'Phê duyệt bảng tự chấm điểm của đơn vị', { dueAt: launch?.selfAssessmentDeadline });
    }
  }

  if (leader && cycle.phase === 'SELF_ASSESSMENT') {
    for (const p of cycle.unitProgress.filter((u) => u.assessmentStatus === 'UNIT_APPROVED')) {
      add('REVIEW_ASSESSMENT', `Xem xét bảng tự chấm điểm: ${unitName(cycle, p.unitCode)}`, {
        unitCode: p.unitCode,
        dueAt: launch?.selfAssessmentDeadline,
      });
    }
    if (launch && isOverdue(launch.selfAssessmentDeadline, now)) {
      add('CLOSE_SELF_ASSESSMENT', 'Kết thúc giai đoạn tự chấm điểm (đã hết hạn)');
    }
  }

  const ballot = cycle.ballot;
  if (leader && cycle.phase === 'CONFERENCE') {
    if (!cycle.conference) add('OPEN_CONFERENCE', 'Khai mạc hội nghị tổng kết: điểm danh, kiểm tra số lượng');
    else if (!ballot) add('OPEN_BALLOT', 'Mở bỏ phiếu suy tôn và bầu Trưởng, Phó khối năm sau');
    else if (ballot.status === 'OPEN') {
      const present = cycle.conference.present.length;
      add('CLOSE_BALLOT', `Kết thúc bỏ phiếu, kiểm phiếu (${ballot.voted.length}/${present} đơn vị đã bỏ phiếu)`);
    }
  }
  if (ballot?.status === 'AWAITING_TIE_DECISION' && (leader || isDeputyOf(cycle, acting))) {
    add('DECIDE_TIE', 'Quyết định trường hợp bằng phiếu sau vòng cuối');
  }
  if (
    member &&
    acting.role === 'UNIT_HEAD' &&
    ballot?.status === 'OPEN' &&
    cycle.conference?.present.includes(unit) &&
    !ballot.voted.includes(unit)
  ) {
    add('CAST_BALLOT', `Bỏ phiếu suy tôn${ballot.round > 1 ? ` (vòng ${ballot.round})` : ''}`);
  }

  if (leader && cycle.phase === 'SUBMISSION' && (!cycle.dossier || cycle.dossier.status === 'RETURNED')) {
    const title = cycle.dossier ? 'Bổ sung và trình lại hồ sơ đề nghị khen thưởng' : 'Trình hồ sơ đề nghị khen thưởng';
    add('SUBMIT_DOSSIER', title);
  }

  const sameProvince = acting.provinceCode === undefined || acting.provinceCode === cycle.provinceCode;
  if (!sameProvince) return tasks;
  const appraisalDue = cycle.dossier?.appraisalDueDate ? endOfDayVn(cycle.dossier.appraisalDueDate) : undefined;
  if (acting.role === 'BOARD_SPECIALIST') {
    if (cycle.phase === 'SUBMISSION' && cycle.dossier?.status === 'SUBMITTED') {
      add('REVIEW_DOSSIER', `Kiểm tra hồ sơ đề nghị khen thưởng: ${cycle.blocName}`);
    }
    if (cycle.phase === 'APPRAISAL' && (!cycle.appraisal || cycle.appraisal.status === 'PENDING')) {
      add('APPRAISE', `Thẩm định từng đề nghị khen thưởng: ${cycle.blocName}`, { dueAt: appraisalDue });
    }
  }
  if (acting.role === 'BOARD_HEAD') {
    if (cycle.phase === 'APPRAISAL' && cycle.appraisal?.status === 'APPRAISED') {
      add('APPROVE_APPRAISAL', `Duyệt kết quả thẩm định: ${cycle.blocName}`, { dueAt: appraisalDue });
    }
    if (cycle.appraisal?.status === 'APPROVED' && cycle.nominees.some((n) => n.status === 'AWAITING_COUNCIL')) {
      add('COUNCIL_VOTE', `Ghi kết quả bỏ phiếu của Hội đồng TĐKT tỉnh: ${cycle.blocName}`);
    }
  }
  if (acting.role === 'CHAIRMAN' && cycle.phase === 'DECISION' && cycle.nominees.some((n) => n.status === 'AWAITING_DECISION')) {
    add('DECIDE', `Quyết định khen thưởng: ${cycle.blocName} năm ${year}`);
  }
  if ((acting.role === 'BOARD_HEAD' || acting.role === 'CHAIRMAN') && cycle.leadershipApproval?.status === 'PENDING') {
    add('APPROVE_LEADERSHIP', `Phê duyệt Trưởng khối, Phó khối năm ${year + 1}: ${cycle.blocName}`);
  }
  return tasks;
}

export interface TaskFilter {
  provinceCode?: string;
  blocCode?: string;
  phase?: Phase;
  overdueOnly?: boolean;
  /** YYYY-MM-DD: due on or before the end of that day (Vietnam time). */
  dueBefore?: string;
}

export function filterTasks<T extends InboxItem>(tasks: readonly T[], filter: TaskFilter): T[] {
  const limit = filter.dueBefore ? Date.parse(endOfDayVn(filter.dueBefore)) : undefined;
  return tasks.filter(
    (t) =>
      (!filter.provinceCode || t.provinceCode === filter.provinceCode) &&
      (!filter.blocCode || t.blocCode === filter.blocCode) &&
      (!filter.phase || t.phase === filter.phase) &&
      (!filter.overdueOnly || t.overdue) &&
      (limit === undefined || (t.dueAt !== undefined && Date.parse(t.dueAt) <= limit)),
  );
}

/** The page where a cycle step is done, by action. */
export function stepHref(cycleId: string, action: string): string {
  const id = encodeURIComponent(cycleId);
  switch (action) {
    case 'LAUNCH':
      return `/cycles/${id}/bloc/launch`;
    case 'REVIEW_ASSESSMENT':
    case 'CLOSE_SELF_ASSESSMENT':
      return `/cycles/${id}/bloc/assessments`;
    case 'OPEN_CONFERENCE':
    case 'OPEN_BALLOT':
    case 'CLOSE_BALLOT':
    case 'DECIDE_TIE':
      return `/cycles/${id}/bloc/conference`;
    case 'SUBMIT_DOSSIER':
      return `/cycles/${id}/bloc/dossier`;
    case 'SIGN_PLEDGE':
    case 'SUBMIT_ASSESSMENT':
    case 'APPROVE_ASSESSMENT':
    case 'CROSS_SCORE':
    case 'CAST_BALLOT':
      return `/cycles/${id}/unit`;
    default:
      return `/cycles/${id}/board`;
  }
}

/** The server's inbox rows, with the page of each and whether it can be decided in bulk. */
export function decorate(items: readonly InboxItem[]): Task[] {
  return items.map((i): Task => {
    if (i.kind === 'APPROVAL' && i.chainId)
      return { ...i, href: `/approvals/${encodeURIComponent(i.chainId)}`, bulk: 'APPROVAL' };
    if (i.kind === 'CYCLE_STEP' && i.cycleId) {
      return {
        ...i,
        href: stepHref(i.cycleId, i.action),
        ...(i.action === 'REVIEW_ASSESSMENT' ? { bulk: 'ACCEPT_ASSESSMENT' } : {}),
      };
    }
    return { ...i };
  });
}

/** Overdue first, then by due date (undated last). */
export function sortTasks(tasks: readonly Task[]): Task[] {
  const due = (t: Task) => (t.dueAt ? Date.parse(t.dueAt) : Number.MAX_SAFE_INTEGER);
  return [...tasks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
}
