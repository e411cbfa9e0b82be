import { checkLeader, checkRole } from '../authorization';
import { workingDayDeadline } from '../calendar/deadlines';
import { WorkingCalendar } from '../calendar/working-calendar';
import { checkNotBefore } from '../date-order';
import { PASS, fail } from '../outcome';
import { addWorkingDays, isIsoDate, vietnamDate } from '../working-days';
import { Role, type Actor } from '../../shared/actors';
import { ItemStatus, type ChainDefinition, type ItemInput, type ItemOutcome, type ItemState } from '../../shared/approval';
import { NomineeStatus, Phase, type AppraisalState, type CycleState, type DossierState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { appraisalChainId, dossierChainId } from '../../shared/ids';
import { PATCH_APPRAISAL_CHAIN, PATCH_DOSSIER_REVIEW_CHAIN, PATCH_WORKING_DAY_CALENDAR } from '../../shared/patches';
import type { ProvinceRules } from '../../shared/rules';
import { checkOwnDate, checkStepDate, dated, dayOf, enterPhase, requirePhase, ruleSetOn, rulesOn } from './common';
import { enforce, refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- SUBMISSION (trình hồ sơ) and the board's review of the dossier ----

export type DossierEvent = EventEnvelope &
  (
    | { type: 'DOSSIER_SUBMITTED'; dossier: DossierState }
    | { type: 'DOSSIER_RETURNED'; return: DossierState['returns'][number] }
    | {
        type: 'DOSSIER_ACCEPTED';
        completeOn: string;
        completeAt: string;
        appraisalDueDate: string;
        appraisal: AppraisalState;
      }
    | { type: 'DOSSIER_WITHDRAWN' }
    | { type: 'DOSSIER_REVIEW_ESCALATED' }
    | { type: 'DOSSIER_REJECTED'; chainId: string; reason?: string }
  );

const calendars = new WeakMap<object, WorkingCalendar>();
function calendarOf(ctx: CycleContext): WorkingCalendar {
  let calendar = calendars.get(ctx.facts.calendar);
  if (!calendar) {
    calendar = new WorkingCalendar(ctx.facts.calendar);
    calendars.set(ctx.facts.calendar, calendar);
  }
  return calendar;
}

const dossierOf = (m: CycleMachine): DossierState => {
  if (!m.view.dossier) refuse(ErrorCode.WRONG_STATE, 'no dossier submitted');
  return m.view.dossier;
};

/**
 * The complete dossier (nhận đủ hồ sơ), by the specialist's fixed review or the review chain's approval: the
 * appraisal's working-day deadline counts from `completeOn`, and the appraisal opens (as a chain where configured).
 */
export function acceptDossier(
  m: CycleMachine,
  ctx: CycleContext,
  completeOn: string,
  completeAt: string,
  actor: Actor | undefined,
  data: Record<string, unknown> = {},
  on?: string,
): DossierEvent {
  const rules = rulesOn(m, completeOn);
  // Deadlines count Vietnamese working days (Tết, Giỗ Tổ, swapped days); cycles that accepted a dossier
  // before the calendar existed counted weekends and the province's list only.
  const appraisalDueDate = ctx.feature(PATCH_WORKING_DAY_CALENDAR)
    ? workingDayDeadline(calendarOf(ctx), completeOn, rules.deadlines.appraisalWorkingDays, rules.holidays)
    : addWorkingDays(completeOn, rules.deadlines.appraisalWorkingDays, rules.holidays);
  const appraisal: AppraisalState = { status: 'PENDING', returns: [] };
  // A rule set that configures the appraisal as an approval chain: each nominee is decided there, level by level.
  if (rules.approvalChains?.appraisal && ctx.feature(PATCH_APPRAISAL_CHAIN)) {
    appraisal.chainId = appraisalChainId(m.view.cycleId);
    appraisal.chain = rules.approvalChains.appraisal;
  }
  return {
    type: 'DOSSIER_ACCEPTED',
    at: new Date(ctx.now).toISOString(),
    actor,
    on,
    completeOn,
    completeAt,
    appraisalDueDate,
    appraisal,
    data: {
      completeAt,
      appraisalDueDate,
      ...data,
      receivingAgencyName: rules.receivingAgencyName,
      appraisalWorkingDays: rules.deadlines.appraisalWorkingDays,
    },
  };
}

export const dossierSteps: StepRules = {
  submitDossier: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.SUBMISSION);
      if (!phase.ok) return phase;
      const leader = checkLeader(actor, view.leaderUnit, view.blocCode);
      if (!leader.ok) return leader;
      return view.dossier && view.dossier.status !== 'RETURNED' && view.dossier.status !== 'WITHDRAWN'
        ? fail(ErrorCode.WRONG_STATE, `the dossier is ${view.dossier.status}`)
        : PASS;
    },
    check: (m, cmd, ctx) => {
      const nomineeUnits = new Set(m.view.nominees.map((n) => n.unitCode));
      for (const report of cmd.achievementReports) {
        if (!nomineeUnits.has(report.unitCode)) refuse(ErrorCode.INVALID_CANDIDATE, `${report.unitCode} is not a nominee`);
      }
      const missing = [...nomineeUnits].filter((u) => !cmd.achievementReports.some((r) => r.unitCode === u));
      if (missing.length > 0) refuse(ErrorCode.MISSING_ACHIEVEMENT_REPORT, `no achievement report for ${missing.join(', ')}`);
      if (isIsoDate(cmd.toTrinh.date)) {
        enforce(
          checkNotBefore({ field: 'toTrinh.date', what: 'the tờ trình', date: cmd.toTrinh.date }, dated.conference(m.view)),
        );
      }
      checkOwnDate(ctx, cmd, 'toTrinh.date', 'the tờ trình', cmd.toTrinh.date, dated.conference(m.view));
    },
    events: (m, cmd, ctx) => {
      const round = (m.view.dossier?.round ?? 0) + 1;
      const at = new Date(ctx.now).toISOString();
      const dossier: DossierState = {
        status: 'SUBMITTED',
        round,
        toTrinh: cmd.toTrinh,
        achievementReports: cmd.achievementReports,
        // Only dossiers that attach scans carry the key: the state of older submissions stays as it was.
        ...(cmd.signedScans?.length ? { signedScans: cmd.signedScans } : {}),
        submittedAt: at,
        submittedBy: cmd.actor.userId,
        returns: m.view.dossier?.returns ?? [],
      };
      // A rule set that has the board review the dossier in an approval chain: one chain per submission.
      if (rulesOn(m, ctx.today).approvalChains?.dossierReview && ctx.feature(PATCH_DOSSIER_REVIEW_CHAIN)) {
        dossier.chainId = dossierChainId(m.view.cycleId, round);
      }
      const receivingAgencyName = rulesOn(m, ctx.today).receivingAgencyName;
      return [
        {
          type: 'DOSSIER_SUBMITTED',
          at,
          actor: cmd.actor,
          on: cmd.toTrinh.date,
          dossier,
          data: { round, toTrinh: cmd.toTrinh.number, receivingAgencyName },
        },
      ];
    },
  },

  reviewDossier: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.SUBMISSION);
      if (!phase.ok) return phase;
      const role = checkRole(actor, Role.BOARD_SPECIALIST);
      if (!role.ok) return role;
      if (view.dossier?.status !== 'SUBMITTED') return fail(ErrorCode.WRONG_STATE, 'no dossier awaits review');
      const chainId = view.dossier.chainId;
      return chainId
        ? fail(
            ErrorCode.WRONG_STATE,
            `the dossier is reviewed in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`,
          )
        : PASS;
    },
    check: (m, cmd, ctx) => {
      if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
        refuse(ErrorCode.REASON_REQUIRED, 'a returned dossier needs a reason');
      checkStepDate(ctx, cmd, 'the review of the dossier', dated.toTrinh(m.view));
      if (ctx.facts.recordMode && cmd.completeOn !== undefined)
        enforce(
          checkNotBefore(
            { field: 'occurredOn', what: 'the review of the dossier', date: cmd.occurredOn as string },
            { field: 'completeOn', what: 'the complete dossier', date: cmd.completeOn },
          ),
        );
      if (cmd.completeOn !== undefined) {
        if (!isIsoDate(cmd.completeOn)) refuse(ErrorCode.VALIDATION_FAILED, 'completeOn must be a date YYYY-MM-DD');
        if (cmd.completeOn > ctx.today) refuse(ErrorCode.VALIDATION_FAILED, 'completeOn must not be in the future');
        enforce(
          checkNotBefore({ field: 'completeOn', what: 'the complete dossier', date: cmd.completeOn }, dated.toTrinh(m.view)),
        );
        ruleSetOn(m, cmd.completeOn);
      }
    },
    events: (m, cmd, ctx) => {
      const dossier = dossierOf(m);
      const at = new Date(ctx.now).toISOString();
      if (cmd.decision === 'RETURN') {
        return [
          {
            type: 'DOSSIER_RETURNED',
            at,
            actor: cmd.actor,
            on: dayOf(ctx, cmd),
            return: { round: dossier.round, reason: cmd.reason as string, by: cmd.actor.userId, at },
            data: { round: dossier.round, reason: cmd.reason, receivingAgencyName: rulesOn(m, ctx.today).receivingAgencyName },
          },
        ];
      }
      // A record's dossier is complete on the day of its review on paper unless completeOn says earlier.
      const completeOn = cmd.completeOn ?? dayOf(ctx, cmd);
      return [
        acceptDossier(
          m,
          ctx,
          completeOn ?? ctx.today,
          completeOn ? `${completeOn}T00:00:00+07:00` : at,
          cmd.actor,
          {},
          dayOf(ctx, cmd),
        ),
      ];
    },
  },
};

// ---- Chain mode of the review (rules.approvalChains.dossierReview): one chain per submission ----

/** The rule set no longer has the chain: the specialist reviews the submission directly. */
export function dossierReviewUnavailable(ctx: CycleContext): DossierEvent[] {
  return [{ type: 'DOSSIER_REVIEW_ESCALATED', at: new Date(ctx.now).toISOString() }];
}

/** The title and the one item of a submission's review chain (Vietnamese: shown in the approvers' inbox). */
export function dossierChainTitles(view: CycleState, dossier: DossierState): { title: string; items: ItemInput[] } {
  return {
    title: `Hồ sơ đề nghị khen thưởng năm ${view.year} – ${view.blocName} (lần ${dossier.round})`,
    items: [
      {
        itemId: DOSSIER_ITEM,
        title: `Tờ trình số ${dossier.toTrinh.number} và ${dossier.achievementReports.length} báo cáo thành tích`,
      },
    ],
  };
}

export const DOSSIER_ITEM = 'ho-so';

/**
 * How a submission's review chain ended. Its approval is the complete dossier (nhận đủ hồ sơ, on the day of the last
 * approval); a return goes back to the Trưởng khối, whose new submission opens the next round's chain; a return too
 * many escalates to the specialist's fixed review; a rejection ends the nomination. `rules`: today's when the chain
 * started.
 */
export function dossierChainOutcome(
  m: CycleMachine,
  ctx: CycleContext,
  chainId: string,
  rules: ProvinceRules,
  outcome: { item: ItemState; last?: ItemOutcome },
): DossierEvent[] {
  const dossier = dossierOf(m);
  const { item, last } = outcome;
  const at = new Date(ctx.now).toISOString();
  const by = { chainId, by: last?.userId };
  const reasoned = { round: dossier.round, reason: last?.reason, ...by };
  switch (item.status) {
    case ItemStatus.APPROVED: {
      const approvedAt = last?.at ?? at;
      return [acceptDossier(m, ctx, vietnamDate(new Date(approvedAt)), approvedAt, undefined, by)];
    }
    case ItemStatus.RETURNED:
      return [
        {
          type: 'DOSSIER_RETURNED',
          at,
          return: { round: dossier.round, reason: last?.reason ?? '', by: last?.userId ?? 'system', at: last?.at ?? at },
          data: { ...reasoned, receivingAgencyName: rules.receivingAgencyName },
        },
      ];
    case ItemStatus.WITHDRAWN:
      return [{ type: 'DOSSIER_WITHDRAWN', at, data: reasoned }];
    case ItemStatus.ESCALATED:
      // Returned more often than allowed, escalated: the specialist decides it through the fixed review.
      return [{ type: 'DOSSIER_REVIEW_ESCALATED', at, data: by }];
    default:
      return [
        {
          type: 'DOSSIER_REJECTED',
          at,
          chainId,
          reason: last?.reason,
          data: { ...reasoned, receivingAgencyName: rules.receivingAgencyName },
        },
      ];
  }
}

/** The chain definition of a submission's review, if today's rules still have one. */
export const dossierReviewChain = (rules: ProvinceRules): ChainDefinition | undefined => rules.approvalChains?.dossierReview;

export const dossierAppliers: Appliers<DossierEvent> = {
  DOSSIER_SUBMITTED: (m, e) => {
    m.view.dossier = e.dossier;
  },
  DOSSIER_RETURNED: (m, e) => {
    const dossier = dossierOf(m);
    dossier.status = 'RETURNED';
    dossier.returns.push(e.return);
  },
  DOSSIER_ACCEPTED: (m, e) => {
    const dossier = dossierOf(m);
    dossier.status = 'ACCEPTED';
    dossier.completeAt = e.completeAt;
    dossier.appraisalDueDate = e.appraisalDueDate;
    for (const n of m.view.nominees) n.status = NomineeStatus.IN_APPRAISAL;
    m.view.appraisal = e.appraisal;
    enterPhase(m, Phase.APPRAISAL, e.completeOn);
  },
  DOSSIER_WITHDRAWN: (m) => {
    dossierOf(m).status = 'WITHDRAWN';
  },
  DOSSIER_REVIEW_ESCALATED: (m) => {
    dossierOf(m).chainId = undefined;
  },
  DOSSIER_REJECTED: (m, e) => {
    dossierOf(m).status = 'REJECTED';
    for (const n of m.view.nominees) {
      n.status = NomineeStatus.NOT_RECOMMENDED;
      n.appraisal = { recommend: false, note: e.reason ?? `Hồ sơ không được chấp nhận (${e.chainId})` };
    }
    enterPhase(m, Phase.DECISION);
  },
};
