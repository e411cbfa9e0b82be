import { checkRole } from '../authorization';
import { checkNotBefore } from '../date-order';
import { PASS, fail, type Check } from '../outcome';
import { computeQuorum } from '../quorum';
import { requiredCount } from '../ratio';
import { checkScores, totalScore } from '../scores';
import { isIsoDate } from '../working-days';
import { Role } from '../../shared/actors';
import { ItemStatus, type ChainDefinition, type ChainState, type ItemInput } from '../../shared/approval';
import { NomineeStatus, Phase, type AppraisalState, type CycleState, type Nominee } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { CountBase, type ProvinceRules } from '../../shared/rules';
import {
  checkOwnDate,
  checkStepDate,
  dated,
  dayOf,
  enterPhase,
  findNominee,
  nomineesIn,
  phaseOpened,
  requireExactly,
  requirePhase,
  ruleSetOn,
  rulesOn,
} from './common';
import { enforce, refuse } from './refusal';
import { notInRound } from './round';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- APPRAISAL (thẩm định; Hội đồng TĐKT tỉnh) ----

type NomineeOutcome = { nomineeId: string; status: NomineeStatus };

export type AppraisalEvent = EventEnvelope &
  (
    | { type: 'APPRAISED'; opinions: { nomineeId: string; recommend: boolean; note?: string }[]; appraisedBy: string }
    | { type: 'APPRAISAL_RETURNED'; return: AppraisalState['returns'][number] }
    | { type: 'APPRAISAL_APPROVED'; approvedBy: string; outcomes: NomineeOutcome[] }
    | {
        type: 'COUNCIL_VOTED';
        results: (NomineeOutcome & { council: NonNullable<Nominee['council']> })[];
        council: NonNullable<CycleState['council']>;
      }
    | { type: 'APPRAISAL_OVERDUE' }
    | {
        type: 'APPRAISAL_CHAIN_COMPLETED';
        chainId: string;
        outcomes: (NomineeOutcome & { recommend: boolean; reason?: string })[];
      }
  );

/** The fixed appraisal steps are refused while the appraisal runs as an approval chain. */
function fixedAppraisal(view: CycleState): Check {
  const chainId = view.appraisal?.chainId;
  return chainId
    ? fail(ErrorCode.WRONG_STATE, `the appraisal runs in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`)
    : PASS;
}

/** Phase APPRAISAL, the fixed steps, the board's role, the appraisal's status: the guard of each fixed step. */
function fixedStep(
  view: CycleState,
  actor: Parameters<typeof checkRole>[0],
  role: Role,
  status: AppraisalState['status'],
  refusal: string,
): Check {
  for (const check of [requirePhase(view, Phase.APPRAISAL), notInRound(view), fixedAppraisal(view), checkRole(actor, role)])
    if (!check.ok) return check;
  return view.appraisal?.status === status ? PASS : fail(ErrorCode.WRONG_STATE, refusal);
}

const appraisedDay = (m: CycleMachine) =>
  m.hidden.appraisedOn ? { field: 'occurredOn', what: 'the appraisal', date: m.hidden.appraisedOn } : undefined;

const councilThresholdBase = (rules: ProvinceRules, cmd: { membersTotal: number; membersPresent: number }) =>
  rules.council.thresholdBase === CountBase.TOTAL_MEMBERS ? cmd.membersTotal : cmd.membersPresent;

const councilAttendance = (rules: ProvinceRules) =>
  Math.max(rules.council.quorumRatio, rules.council.awardSessionAttendanceRatio);

export const appraisalSteps: StepRules = {
  appraise: {
    guard: (view, actor) =>
      fixedStep(view, actor, Role.BOARD_SPECIALIST, 'PENDING', 'the appraisal is not open for the specialist'),
    check: (m, cmd, ctx) => {
      checkStepDate(ctx, cmd, 'the appraisal', phaseOpened(m.view, Phase.APPRAISAL, 'the complete dossier'));
      requireExactly(
        m.view,
        cmd.opinions.map((o) => o.nomineeId),
        nomineesIn(m.view, NomineeStatus.IN_APPRAISAL),
        'appraisal',
      );
    },
    events: (m, cmd, ctx) => {
      for (const opinion of cmd.opinions) findNominee(m.view, opinion.nomineeId);
      return [
        {
          type: 'APPRAISED',
          at: new Date(ctx.now).toISOString(),
          actor: cmd.actor,
          on: dayOf(ctx, cmd),
          opinions: cmd.opinions,
          appraisedBy: cmd.actor.userId,
          data: { opinions: cmd.opinions },
        },
      ];
    },
  },

  approveAppraisal: {
    guard: (view, actor) => fixedStep(view, actor, Role.BOARD_HEAD, 'APPRAISED', 'no appraisal awaits approval'),
    check: (m, cmd, ctx) => {
      if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
        refuse(ErrorCode.REASON_REQUIRED, 'a returned appraisal needs a reason');
      checkStepDate(ctx, cmd, 'the approval of the appraisal', appraisedDay(m));
    },
    events: (m, cmd, ctx) => {
      const at = new Date(ctx.now).toISOString();
      if (cmd.decision === 'RETURN') {
        return [
          {
            type: 'APPRAISAL_RETURNED',
            at,
            actor: cmd.actor,
            on: dayOf(ctx, cmd),
            return: { reason: cmd.reason as string, by: cmd.actor.userId, at },
            data: { reason: cmd.reason },
          },
        ];
      }
      const rules = rulesOn(m, ctx.today);
      const outcomes = nomineesIn(m.view, NomineeStatus.IN_APPRAISAL).map((n) => ({
        nomineeId: n.id,
        status: !n.appraisal?.recommend
          ? NomineeStatus.NOT_RECOMMENDED
          : rules.awards[n.award].requiresCouncil
            ? NomineeStatus.AWAITING_COUNCIL
            : NomineeStatus.AWAITING_DECISION,
      }));
      return [{ type: 'APPRAISAL_APPROVED', at, actor: cmd.actor, on: dayOf(ctx, cmd), approvedBy: cmd.actor.userId, outcomes }];
    },
  },

  councilVote: {
    guard: (view, actor) => fixedStep(view, actor, Role.BOARD_HEAD, 'APPROVED', 'the appraisal is not approved yet'),
    check: (m, cmd, ctx) => {
      if (!isIsoDate(cmd.sessionDate)) refuse(ErrorCode.VALIDATION_FAILED, 'sessionDate must be a date YYYY-MM-DD');
      checkOwnDate(
        ctx,
        cmd,
        'sessionDate',
        'the council session',
        cmd.sessionDate,
        phaseOpened(m.view, Phase.APPRAISAL, 'the complete dossier'),
        appraisedDay(m),
      );
      enforce(
        checkNotBefore(
          { field: 'sessionDate', what: 'the council session', date: cmd.sessionDate },
          dated.conference(m.view),
          dated.toTrinh(m.view),
        ),
      );
      const rules = rulesOn(m, cmd.sessionDate);
      if (cmd.membersPresent > cmd.membersTotal) refuse(ErrorCode.VALIDATION_FAILED, 'membersPresent exceeds membersTotal');
      const quorum = computeQuorum(cmd.membersPresent, cmd.membersTotal, councilAttendance(rules));
      if (!quorum.met) {
        refuse(
          ErrorCode.COUNCIL_QUORUM_NOT_MET,
          `${cmd.membersPresent} of ${cmd.membersTotal} council members present; ${quorum.required} required (${rules.council.basis})`,
        );
      }
      for (const vote of cmd.votes) {
        if (vote.votesFor > cmd.membersTotal) refuse(ErrorCode.VALIDATION_FAILED, `${vote.nomineeId}: more votes than members`);
      }
      requireExactly(
        m.view,
        cmd.votes.map((v) => v.nomineeId),
        nomineesIn(m.view, NomineeStatus.AWAITING_COUNCIL),
        'the council vote',
      );
      for (const adjustment of cmd.scoreAdjustments ?? []) {
        if (!m.view.nominees.some((n) => n.unitCode === adjustment.unitCode)) {
          refuse(ErrorCode.UNKNOWN_NOMINEE, `${adjustment.unitCode} is not a nominee of this dossier`);
        }
        if (!adjustment.reason.trim())
          refuse(ErrorCode.REASON_REQUIRED, `a score adjustment for ${adjustment.unitCode} needs a reason`);
        enforce(checkScores(m.view.launch?.criteria ?? [], adjustment.scores));
      }
    },
    events: (m, cmd, ctx) => {
      const councilSet = ruleSetOn(m, cmd.sessionDate);
      const rules = councilSet.rules;
      const quorum = computeQuorum(cmd.membersPresent, cmd.membersTotal, councilAttendance(rules));
      const required = requiredCount(rules.council.threshold, councilThresholdBase(rules, cmd));
      const results = cmd.votes.map((vote) => {
        const nominee = findNominee(m.view, vote.nomineeId);
        const passed = vote.votesFor >= required;
        return {
          nomineeId: nominee.id,
          council: { votesFor: vote.votesFor, required, passed, rulesVersion: councilSet.version },
          status: passed ? NomineeStatus.AWAITING_DECISION : NomineeStatus.COUNCIL_REJECTED,
        };
      });
      const criteria = m.view.launch?.criteria ?? [];
      const groups = m.view.launch?.criteriaGroups;
      const council: NonNullable<CycleState['council']> = {
        sessionDate: cmd.sessionDate,
        membersTotal: cmd.membersTotal,
        membersPresent: cmd.membersPresent,
        quorum,
        recordedBy: cmd.actor.userId,
        scoreAdjustments: cmd.scoreAdjustments?.map((a) => ({
          ...a,
          total: totalScore(criteria, groups, a.scores),
          previousTotal: m.view.assessments[a.unitCode]?.total,
        })),
      };
      return [
        {
          type: 'COUNCIL_VOTED',
          at: new Date(ctx.now).toISOString(),
          actor: cmd.actor,
          on: cmd.sessionDate,
          results,
          council,
          data: { votes: cmd.votes, required },
        },
      ];
    },
  },
};

// ---- Run by the workflow: the deadline's timer and the appraisal as an approval chain ----

/** The appraisal was not approved by the end of its working-day due date (the durable timer fired). */
export function appraisalOverdue(m: CycleMachine, ctx: CycleContext): AppraisalEvent[] {
  return [
    {
      type: 'APPRAISAL_OVERDUE',
      at: new Date(ctx.now).toISOString(),
      data: { appraisalDueDate: m.view.dossier?.appraisalDueDate },
    },
  ];
}

/** The title and the items (one per nominee) of the appraisal's approval chain (Vietnamese: the approvers' inbox). */
export function appraisalChainTitles(view: CycleState): { title: string; items: ItemInput[] } {
  const unitName = (code: string) => view.units.find((u) => u.code === code)?.name ?? code;
  return {
    title: `Thẩm định hồ sơ đề nghị khen thưởng năm ${view.year} – ${view.blocName}`,
    items: nomineesIn(view, NomineeStatus.IN_APPRAISAL).map((n) => ({
      itemId: n.id,
      title: `${n.awardName ?? n.award} – ${unitName(n.unitCode)}`,
      subjectUnitCode: n.unitCode,
    })),
  };
}

/**
 * The appraisal chain finished: the nominees it approved (or escalated to the chairman, the competent person) await
 * the decision; one refused at a council level is council-rejected, any other refusal not recommended.
 */
export function appraisalChainCompleted(m: CycleMachine, ctx: CycleContext, result: ChainState): AppraisalEvent[] {
  const appraisal = m.view.appraisal as AppraisalState;
  const chainId = appraisal.chainId as string;
  const definition = appraisal.chain as ChainDefinition;
  const councilLevels = new Set(definition.levels.filter((l) => l.approvers.role === Role.COUNCIL_MEMBER).map((l) => l.code));
  const outcomes = nomineesIn(m.view, NomineeStatus.IN_APPRAISAL).map((nominee) => {
    const item = result.items[nominee.id];
    const last = item?.outcomes[item.outcomes.length - 1];
    const approved = item?.status === ItemStatus.APPROVED || item?.status === ItemStatus.ESCALATED;
    const status = approved
      ? NomineeStatus.AWAITING_DECISION
      : last && councilLevels.has(last.levelCode)
        ? NomineeStatus.COUNCIL_REJECTED
        : NomineeStatus.NOT_RECOMMENDED;
    return { nomineeId: nominee.id, recommend: approved, reason: last?.reason, status };
  });
  return [
    {
      type: 'APPRAISAL_CHAIN_COMPLETED',
      at: new Date(ctx.now).toISOString(),
      chainId,
      outcomes,
      data: { chainId, items: Object.fromEntries(Object.values(result.items).map((i) => [i.itemId, i.status])) },
    },
  ];
}

const setStatuses = (m: CycleMachine, outcomes: readonly NomineeOutcome[]) => {
  for (const o of outcomes) findNominee(m.view, o.nomineeId).status = o.status;
};

export const appraisalAppliers: Appliers<AppraisalEvent> = {
  APPRAISED: (m, e) => {
    for (const opinion of e.opinions)
      findNominee(m.view, opinion.nomineeId).appraisal = { recommend: opinion.recommend, note: opinion.note };
    const appraisal = m.view.appraisal as AppraisalState;
    appraisal.status = 'APPRAISED';
    appraisal.appraisedBy = e.appraisedBy;
    m.hidden.appraisedOn = e.on;
  },
  APPRAISAL_RETURNED: (m, e) => {
    const appraisal = m.view.appraisal as AppraisalState;
    appraisal.status = 'PENDING';
    appraisal.returns.push(e.return);
  },
  APPRAISAL_APPROVED: (m, e) => {
    const appraisal = m.view.appraisal as AppraisalState;
    appraisal.status = 'APPROVED';
    appraisal.approvedBy = e.approvedBy;
    setStatuses(m, e.outcomes);
    if (nomineesIn(m.view, NomineeStatus.AWAITING_COUNCIL).length === 0) enterPhase(m, Phase.DECISION);
  },
  COUNCIL_VOTED: (m, e) => {
    for (const r of e.results) {
      const nominee = findNominee(m.view, r.nomineeId);
      nominee.council = r.council;
      nominee.status = r.status;
    }
    m.view.council = e.council;
    enterPhase(m, Phase.DECISION);
  },
  APPRAISAL_OVERDUE: (m) => {
    if (m.view.dossier) m.view.dossier.appraisalOverdue = true;
  },
  APPRAISAL_CHAIN_COMPLETED: (m, e) => {
    for (const o of e.outcomes) {
      const nominee = findNominee(m.view, o.nomineeId);
      nominee.appraisal = { recommend: o.recommend, note: o.reason ?? `Quy trình phê duyệt ${e.chainId}` };
      nominee.status = o.status;
    }
    (m.view.appraisal as AppraisalState).status = 'APPROVED';
    enterPhase(m, Phase.DECISION);
  },
};
