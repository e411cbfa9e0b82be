import { Role, type Actor } from '../shared/actors';
import { NomineeStatus, Phase, type AssessmentStatus, type CycleState } from '../shared/cycle-types';
import { checkProvince } from './authorization';
import {
  mayTakeAssessmentStep,
  type AssessmentGuardEnv,
  type AssessmentStanding,
  type AssessmentStepName,
} from './cycle/assessment';
import { crossScorersOf } from './scores';
import { handedInOwnSheet } from './read-scope';
import { mayTake } from './cycle/machine';
import type { GuardEnv, StepName } from './cycle/types';

/**
 * "Việc chờ xử lý" of a cycle: the steps of the cycle workflow that wait for one actor now, derived from the
 * cycle's state (as the read model holds it) and the few facts the state leaves to other tables. Each step is
 * listed only where the workflow's update validator would accept it from that actor at this moment: the cycle's own
 * steps ask the machine's guard (`mayTake`, the validator's entitlement, phase and status checks); payload checks
 * (scores, quorum, …) are the actor's.
 */
export type CycleStepAction =
  | 'LAUNCH'
  | 'SIGN_PLEDGE'
  | 'SUBMIT_ASSESSMENT'
  | 'APPROVE_ASSESSMENT'
  | 'CROSS_SCORE'
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

export interface CycleStep {
  /** `<cycle id>/<action>` or `<cycle id>/<action>/<unit code>`: the same step keeps its id from call to call. */
  id: string;
  kind: 'CYCLE_STEP';
  action: CycleStepAction;
  title: string;
  provinceCode: string;
  blocCode: string;
  cycleId: string;
  phase: Phase;
  dueAt?: string;
  overdue: boolean;
  /** The unit the step is about (its pledge, its self-assessment, its ballot). */
  unitCode?: string;
}

/** What the cycle's state does not hold, read from the rest of the read model. */
export interface CycleStepFacts {
  /**
   * Self-assessment of each member unit (cycle_units): status, and the number of rounds submitted. A unit whose
   * assessment has not been projected yet (null or absent) is in DRAFT: its child workflow starts before the phase.
   */
  assessments?: Record<string, { status: AssessmentStatus | null; rounds: number }>;
  /** Cross-scoring sheets already given (timeline): the scorer unit, the unit scored, the round. */
  crossScored?: readonly { scorerUnit: string; unitCode: string; round: number }[];
  /** The Trưởng khối has asked to close the self-assessment: every unit's sheet is closing, nothing more is taken. */
  selfAssessmentCloseRequested?: boolean;
  /** The rule set in force on the conference date counts written votes of absent members. */
  allowAbsentWrittenVote?: boolean;
  /** The actor's unit has a focal person (cán bộ đầu mối) now: the sheet is theirs to submit, not the head's. */
  unitHasFocal?: boolean;
}

/** Roles that take cycle steps; the admin and the auditor act on none. */
const ACTING_ROLES: readonly Role[] = [Role.UNIT_HEAD, Role.UNIT_FOCAL, Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.CHAIRMAN];

/** The end (Vietnam time) of a working-day due date, as the appraisal timer counts it. */
export function endOfVietnamDay(date: string): string {
  return new Date(`${date}T23:59:59.999+07:00`).toISOString();
}

export function cycleStepsFor(state: CycleState, actor: Actor, facts: CycleStepFacts = {}, now: Date = new Date()): CycleStep[] {
  if (state.phase === Phase.COMPLETED || state.completedAt) return [];
  if (!ACTING_ROLES.includes(actor.role) || !checkProvince(actor, state.provinceCode).ok) return [];

  const steps: CycleStep[] = [];
  const members = state.units.map((u) => u.code);
  const unitName = (code: string) => state.units.find((u) => u.code === code)?.name ?? code;
  const bloc = state.blocName;
  const year = state.year;
  // A record's deadlines lie years behind it and no one waits on them: its steps are never overdue.
  const live = state.mode !== 'RECORD';
  const add = (action: CycleStepAction, title: string, extra: { unitCode?: string; dueAt?: string; overdue?: boolean } = {}) => {
    steps.push({
      id: [state.cycleId, action, extra.unitCode].filter((p) => p !== undefined).join('/'),
      kind: 'CYCLE_STEP',
      action,
      title: `${title} – ${bloc}`,
      provinceCode: state.provinceCode,
      blocCode: state.blocCode,
      cycleId: state.cycleId,
      phase: state.phase,
      ...(extra.unitCode !== undefined ? { unitCode: extra.unitCode } : {}),
      ...(extra.dueAt !== undefined ? { dueAt: extra.dueAt } : {}),
      overdue: live && (extra.overdue === true || (extra.dueAt !== undefined && now.getTime() > Date.parse(extra.dueAt))),
    });
  };

  const unit = actor.unitCode;
  const launch = state.launch;
  const env: GuardEnv = { now: now.getTime(), allowAbsentWrittenVote: facts.allowAbsentWrittenVote };
  /** The workflow's own guard of a step: the actor may take it now, as far as the state tells. */
  const may = (step: StepName): boolean => mayTake(step, state, actor, env).ok;

  // ---- LAUNCH ----
  if (may('launch')) {
    add('LAUNCH', `Phát động thi đua năm ${year}: kế hoạch, tiêu chí, giao ước`);
  }

  // ---- PLEDGE ----
  if (unit !== undefined && may('signPledge')) {
    add('SIGN_PLEDGE', `Ký giao ước thi đua năm ${year}`, { unitCode: unit, dueAt: launch?.pledgeDeadline });
  }

  // ---- SELF_ASSESSMENT: each unit's child workflow takes the sheet until it is accepted or closed; a step is listed
  // where the sheet's own machine (src/domain/cycle/assessment) would take it from this actor now ----
  if (state.phase === Phase.SELF_ASSESSMENT && !facts.selfAssessmentCloseRequested) {
    const statusOf = (code: string): AssessmentStatus => facts.assessments?.[code]?.status ?? 'DRAFT';
    const standingOf = (code: string): AssessmentStanding => {
      const rounds = facts.assessments?.[code]?.rounds ?? 0;
      const crossScoredBy = (facts.crossScored ?? [])
        .filter((c) => c.unitCode === code && c.round === rounds)
        .map((c) => c.scorerUnit);
      return { unitCode: code, status: statusOf(code), rounds, crossScoredBy };
    };
    const envOf = (code: string): AssessmentGuardEnv => ({
      seats: {
        memberUnits: members,
        leaderUnit: state.leaderUnit,
        deputyUnit: state.deputyUnit,
        blocCode: state.blocCode,
        crossScorers: crossScorersOf(launch?.crossScoring ?? [], code),
      },
      closed: facts.selfAssessmentCloseRequested === true,
    });
    const mayOnSheet = (step: AssessmentStepName, code: string) =>
      mayTakeAssessmentStep(step, standingOf(code), actor, envOf(code)).ok;
    const due = launch?.selfAssessmentDeadline;

    if (unit !== undefined) {
      const own = statusOf(unit);
      // Not a rule of the sheet (its head may submit it too): where the unit has a focal person, the sheet is theirs.
      const mayPrepare = actor.role === Role.UNIT_FOCAL || (actor.role === Role.UNIT_HEAD && !facts.unitHasFocal);
      if (mayPrepare && mayOnSheet('submitAssessment', unit)) {
        const title =
          own === 'RETURNED'
            ? `Nộp lại bảng tự chấm điểm năm ${year} (đã bị trả lại)`
            : `Nộp bảng tự chấm điểm năm ${year} của đơn vị`;
        add('SUBMIT_ASSESSMENT', title, { unitCode: unit, dueAt: due });
      }
      if (mayOnSheet('approveAssessment', unit)) {
        add('APPROVE_ASSESSMENT', `Phê duyệt bảng tự chấm điểm năm ${year} của đơn vị`, { unitCode: unit, dueAt: due });
      }
      // A competitor's sheet is given to cross-score only once the unit has handed in its own (see read-scope.ts).
      for (const scored of handedInOwnSheet(own) ? members : []) {
        if (mayOnSheet('crossScore', scored))
          add('CROSS_SCORE', `Chấm chéo bảng điểm năm ${year} của ${unitName(scored)}`, { unitCode: scored, dueAt: due });
      }
    }

    for (const code of members) {
      if (!mayOnSheet('reviewAssessment', code)) continue;
      add('REVIEW_ASSESSMENT', `Xem xét bảng tự chấm điểm năm ${year} của ${unitName(code)}`, { unitCode: code, dueAt: due });
    }
    // Listed only while a unit is unfinished: a close with nothing left to close is of no use to anyone.
    const unfinished = members.filter((c) => !['ACCEPTED', 'CLOSED', 'REJECTED'].includes(statusOf(c)));
    if (unfinished.length > 0 && may('closeSelfAssessment')) {
      add(
        'CLOSE_SELF_ASSESSMENT',
        `Kết thúc giai đoạn tự chấm điểm năm ${year} (đã hết hạn; ${unfinished.length} đơn vị chưa xong)`,
      );
    }
  }

  // ---- CONFERENCE: attendance, the secret ballot (only whether a unit has voted is known), ties. Whether a step
  // waits for the actor is the machine's guard (src/domain/cycle/conference.ts), as the workflow's validator asks it. ----
  if (state.phase === Phase.CONFERENCE) {
    const ballot = state.ballot;
    if (may('openConference')) add('OPEN_CONFERENCE', `Khai mạc hội nghị tổng kết năm ${year}: điểm danh, kiểm tra số lượng`);
    if (may('openBallot')) add('OPEN_BALLOT', `Mở bỏ phiếu suy tôn và bầu Trưởng khối, Phó khối năm ${year + 1}`);
    if (ballot && may('closeBallot')) {
      const voters = facts.allowAbsentWrittenVote ? members.length : (state.conference?.present.length ?? 0);
      add(
        'CLOSE_BALLOT',
        `Kết thúc bỏ phiếu vòng ${ballot.round}, kiểm phiếu (${ballot.voted.length}/${voters} đơn vị đã bỏ phiếu)`,
      );
    }
    if (ballot && unit !== undefined && may('castBallot')) {
      add('CAST_BALLOT', `Bỏ phiếu suy tôn${ballot.round > 1 ? ` vòng ${ballot.round}` : ''} năm ${year}`, { unitCode: unit });
    }
    if (ballot?.openTie && may('decideTie')) {
      const tied = ballot.openTie.tied.map(unitName).join(', ');
      // The Trưởng khối may propose again (after the Phó khối disagreed), but once a proposal stands nothing waits on them.
      if (unit === state.leaderUnit) {
        if (!ballot.tieProposal) add('DECIDE_TIE', `Đề xuất đơn vị được chọn khi bằng phiếu sau vòng cuối (${tied})`);
      } else {
        add('DECIDE_TIE', `Xác nhận đề xuất của Trưởng khối khi bằng phiếu sau vòng cuối (${tied})`);
      }
    }
  }

  // ---- SUBMISSION. In chain mode (dossier.chainId) the review is the chain's task, in the inbox as an APPROVAL item. ----
  const dossier = state.dossier;
  if (may('submitDossier')) {
    add(
      'SUBMIT_DOSSIER',
      dossier ? `Bổ sung và trình lại hồ sơ đề nghị khen thưởng năm ${year}` : `Trình hồ sơ đề nghị khen thưởng năm ${year}`,
    );
  }
  if (dossier && may('reviewDossier')) {
    add('REVIEW_DOSSIER', `Kiểm tra hồ sơ đề nghị khen thưởng năm ${year} (lần ${dossier.round})`);
  }

  // ---- APPRAISAL: within N working days of the complete dossier. Where the rule set runs it as an approval chain
  // (appraisal.chainId), the fixed steps are refused: the chain's own tasks reach the inbox as APPROVAL items. ----
  const dueDate = dossier?.appraisalDueDate;
  const appraisalDue = dueDate ? { dueAt: endOfVietnamDay(dueDate), overdue: dossier?.appraisalOverdue === true } : {};
  if (may('appraise')) add('APPRAISE', `Thẩm định hồ sơ đề nghị khen thưởng năm ${year}`, appraisalDue);
  if (may('approveAppraisal')) add('APPROVE_APPRAISAL', `Duyệt kết quả thẩm định năm ${year}`, appraisalDue);
  const awaitingCouncil = state.nominees.filter((n) => n.status === NomineeStatus.AWAITING_COUNCIL).length;
  if (awaitingCouncil > 0 && may('councilVote')) {
    add('COUNCIL_VOTE', `Ghi kết quả bỏ phiếu của Hội đồng TĐKT tỉnh năm ${year} (${awaitingCouncil} đề nghị)`);
  }

  // ---- DECISION: listed while a nominee awaits it ----
  const awaiting = state.nominees.filter((n) => n.status === NomineeStatus.AWAITING_DECISION && !n.decision).length;
  if (awaiting > 0 && may('decide')) add('DECIDE', `Quyết định khen thưởng năm ${year} (${awaiting} đề nghị)`);

  // ---- Leadership elected, then approved by the superior (any phase until the handover) ----
  const leadership = state.leadershipApproval;
  if (leadership && may('approveLeadership')) {
    const { leader, deputy } = leadership.elected;
    add('APPROVE_LEADERSHIP', `Phê duyệt Trưởng khối (${unitName(leader)}), Phó khối (${unitName(deputy)}) năm ${year + 1}`);
  }

  return steps;
}
