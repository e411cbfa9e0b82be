import { checkNotBefore } from '../date-order';
import { enforce, refuse } from '../cycle/refusal';
import { Role } from '../../shared/actors';
import { NomineeStatus } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { AwardType } from '../../shared/rules';
import { findSession } from './council';
import { atOf, findItem, isSettled, openAnd, requireDate, requireDistinct, roundRuleSetOn, text } from './common';
import type { RoundAppliers } from './events';
import type { RoundStepRules } from './machine-types';
import type { RoundItem, RoundView, UpwardSubmission } from './types';

// ---- The chairman's decisions, the submission upward, the central decisions ----

export function findSubmission(view: RoundView, id: string): UpwardSubmission {
  const submission = view.submissions.find((s) => s.id === id);
  if (!submission) refuse(ErrorCode.SUBMISSION_NOT_FOUND, `no submission ${id} in round ${view.roundId}`);
  return submission;
}

/** The item's way to the decision: approved by the council (or by the appraisal where no council vote is needed). */
function requireDecidable(item: RoundItem): void {
  if (item.decision) refuse(ErrorCode.ALREADY_DECIDED, `${item.id} was decided by ${item.decision.number}`);
  if (item.status !== NomineeStatus.AWAITING_DECISION) {
    refuse(
      ErrorCode.ITEM_NOT_APPROVED,
      `${item.id} is ${item.status}${item.reason ? ` (${item.reason})` : ''}: only items the council approved can be decided`,
    );
  }
}

export const decisionSteps: RoundStepRules = {
  decideRound: {
    guard: (view, actor) => openAnd(view, actor, Role.CHAIRMAN),
    check: (m, cmd) => {
      requireDate('decisionDate', cmd.decisionDate);
      if (!text(cmd.decisionNumber)) refuse(ErrorCode.VALIDATION_FAILED, 'decisionNumber is required');
      if (m.view.decisions.some((d) => d.number === cmd.decisionNumber.trim())) {
        refuse(ErrorCode.VALIDATION_FAILED, `decision ${cmd.decisionNumber} is already recorded in this round`);
      }
      roundRuleSetOn(m, cmd.decisionDate);
      requireDistinct(
        cmd.items.map((i) => i.itemId),
        'items',
      );
      for (const entry of cmd.items) {
        const item = findItem(m.view, entry.itemId);
        requireDecidable(item);
        if (item.council) {
          const session = findSession(m.view, item.council.sessionId);
          enforce(
            checkNotBefore(
              { field: 'decisionDate', what: `the decision on ${item.id}`, date: cmd.decisionDate },
              { field: 'sessionDate', what: `council session ${session.id}, which approved it`, date: session.sessionDate },
            ),
          );
        }
        if (!entry.approve && !text(entry.reason)) refuse(ErrorCode.REASON_REQUIRED, `a rejection of ${item.id} needs a reason`);
      }
      const quota = cmd.governmentFlagQuota;
      const forwarding = cmd.items.filter(
        (i) => i.approve && findItem(m.view, i.itemId).award === AwardType.CO_THI_DUA_CHINH_PHU,
      ).length;
      if (quota && forwarding > 0 && quota.alreadyForwarded + forwarding > quota.limit) {
        if (!text(cmd.quotaOverride?.reason) || !text(cmd.quotaOverride?.documentRef)) {
          refuse(
            ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED,
            `at most ${quota.limit} Cờ thi đua của Chính phủ proposals (of ${quota.blocLeaders} bloc-leading units; ${quota.alreadyForwarded} already forwarded): ${quota.basis}; a documented quotaOverride is required`,
          );
        }
      }
    },
    events: (m, cmd, ctx) => {
      const set = roundRuleSetOn(m, cmd.decisionDate);
      const number = cmd.decisionNumber.trim();
      const items = cmd.items.map((entry) => {
        const item = findItem(m.view, entry.itemId);
        const decision: NonNullable<RoundItem['decision']> = {
          approve: entry.approve,
          number,
          date: cmd.decisionDate,
          ...(text(entry.reason) ? { reason: text(entry.reason) } : {}),
          rulesVersion: set.version,
          ...(item.award === AwardType.CO_THI_DUA_CHINH_PHU && entry.approve && cmd.quotaOverride && cmd.governmentFlagQuota
            ? { quotaOverride: { ...cmd.quotaOverride, quota: cmd.governmentFlagQuota } }
            : {}),
        };
        const status = !entry.approve
          ? NomineeStatus.REJECTED
          : set.rules.awards[item.award].forwardedUpward
            ? NomineeStatus.FORWARDED
            : NomineeStatus.APPROVED;
        return { itemId: item.id, status, decision, reason: text(entry.reason) };
      });
      return [
        {
          type: 'ROUND_DECIDED',
          at: atOf(ctx),
          actor: cmd.actor,
          decision: {
            number,
            date: cmd.decisionDate,
            signedBy: cmd.actor.userId,
            rulesVersion: set.version,
            itemIds: items.map((i) => i.itemId),
            approved: items.filter((i) => i.decision.approve).length,
            rejected: items.filter((i) => !i.decision.approve).length,
          },
          items,
          data: { decisionNumber: number, decisionDate: cmd.decisionDate, items: cmd.items },
        },
      ];
    },
  },

  submitUpward: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m, cmd) => {
      if (!text(cmd.toTrinh.number)) refuse(ErrorCode.VALIDATION_FAILED, 'toTrinh.number is required');
      requireDate('toTrinh.date', cmd.toTrinh.date);
      requireDate('sentOn', cmd.sentOn);
      enforce(
        checkNotBefore(
          { field: 'sentOn', what: 'the sending', date: cmd.sentOn },
          { field: 'toTrinh.date', what: 'the tờ trình', date: cmd.toTrinh.date },
        ),
      );
      requireDistinct(cmd.itemIds, 'itemIds');
      for (const id of cmd.itemIds) {
        const item = findItem(m.view, id);
        if (item.status !== NomineeStatus.FORWARDED) {
          refuse(ErrorCode.WRONG_STATE, `${id} is ${item.status}: only items the chairman forwards upward are sent`);
        }
        const inOther = m.view.submissions.find((s) => s.itemIds.includes(id));
        if (inOther) refuse(ErrorCode.WRONG_STATE, `${id} is already in submission ${inOther.id}`);
        enforce(
          checkNotBefore(
            { field: 'toTrinh.date', what: 'the tờ trình', date: cmd.toTrinh.date },
            { field: 'decisionDate', what: `decision ${item.decision?.number}`, date: item.decision?.date ?? cmd.toTrinh.date },
          ),
        );
      }
    },
    events: (m, cmd, ctx) => {
      const toTrinh = { number: cmd.toTrinh.number.trim(), date: cmd.toTrinh.date };
      const submission: UpwardSubmission = {
        id: `U${m.view.submissions.length + 1}`,
        toTrinh,
        itemIds: [...cmd.itemIds],
        status: 'SENT',
        sentOn: cmd.sentOn,
        sends: [{ sentOn: cmd.sentOn, toTrinh }],
        returns: [],
      };
      return [
        {
          type: 'UPWARD_SENT',
          at: atOf(ctx),
          actor: cmd.actor,
          submission,
          outcomes: [],
          data: { submissionId: submission.id, toTrinh, sentOn: cmd.sentOn, items: cmd.itemIds },
        },
      ];
    },
  },

  returnUpward: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m, cmd) => {
      const s = findSubmission(m.view, cmd.submissionId);
      if (s.status !== 'SENT') refuse(ErrorCode.WRONG_STATE, `submission ${s.id} is ${s.status}, not awaiting the centre`);
      if (!text(cmd.reason)) refuse(ErrorCode.REASON_REQUIRED, 'a returned submission needs the reason the centre gave');
      requireDate('returnedOn', cmd.returnedOn);
      enforce(
        checkNotBefore(
          { field: 'returnedOn', what: 'the return', date: cmd.returnedOn },
          { field: 'sentOn', what: 'the sending', date: s.sentOn },
        ),
      );
    },
    events: (_m, cmd, ctx) => [
      {
        type: 'UPWARD_RETURNED',
        at: atOf(ctx),
        actor: cmd.actor,
        submissionId: cmd.submissionId,
        reason: cmd.reason.trim(),
        returnedOn: cmd.returnedOn,
        by: cmd.actor.userId,
        data: { submissionId: cmd.submissionId, reason: cmd.reason.trim(), returnedOn: cmd.returnedOn },
      },
    ],
  },

  resendUpward: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m, cmd) => {
      const s = findSubmission(m.view, cmd.submissionId);
      if (s.status !== 'RETURNED') refuse(ErrorCode.WRONG_STATE, `submission ${s.id} is ${s.status}, not returned`);
      requireDate('sentOn', cmd.sentOn);
      if (cmd.toTrinh) {
        if (!text(cmd.toTrinh.number)) refuse(ErrorCode.VALIDATION_FAILED, 'toTrinh.number is required');
        requireDate('toTrinh.date', cmd.toTrinh.date);
      }
      const returned = s.returns[s.returns.length - 1];
      enforce(
        checkNotBefore(
          { field: 'sentOn', what: 'the new sending', date: cmd.sentOn },
          { field: 'returnedOn', what: 'the return', date: returned.returnedOn },
          cmd.toTrinh ? { field: 'toTrinh.date', what: 'the new tờ trình', date: cmd.toTrinh.date } : undefined,
        ),
      );
    },
    events: (m, cmd, ctx) => {
      const s = findSubmission(m.view, cmd.submissionId);
      const toTrinh = cmd.toTrinh ? { number: cmd.toTrinh.number.trim(), date: cmd.toTrinh.date } : s.toTrinh;
      return [
        {
          type: 'UPWARD_RESENT',
          at: atOf(ctx),
          actor: cmd.actor,
          submissionId: s.id,
          sentOn: cmd.sentOn,
          toTrinh,
          data: { submissionId: s.id, sentOn: cmd.sentOn, toTrinh },
        },
      ];
    },
  },

  centralDecision: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m, cmd) => {
      const s = findSubmission(m.view, cmd.submissionId);
      if (s.status === 'RETURNED') refuse(ErrorCode.WRONG_STATE, `submission ${s.id} was returned; resend it first`);
      if (!text(cmd.number)) refuse(ErrorCode.VALIDATION_FAILED, 'number is required');
      requireDate('date', cmd.date);
      enforce(
        checkNotBefore(
          { field: 'date', what: 'the central decision', date: cmd.date },
          { field: 'sentOn', what: 'the sending', date: s.sentOn },
        ),
      );
      requireDistinct(
        cmd.items.map((i) => i.itemId),
        'items',
      );
      for (const entry of cmd.items) {
        const item = findItem(m.view, entry.itemId);
        if (!s.itemIds.includes(item.id)) refuse(ErrorCode.UNKNOWN_ITEM, `${item.id} is not in submission ${s.id}`);
        if (item.central) refuse(ErrorCode.ALREADY_DECIDED, `${item.id} was decided centrally by ${item.central.number}`);
        if (!entry.approve && !text(entry.reason))
          refuse(ErrorCode.REASON_REQUIRED, `a central rejection of ${item.id} needs its reason`);
      }
    },
    events: (_m, cmd, ctx) => [
      {
        type: 'CENTRALLY_DECIDED',
        at: atOf(ctx),
        actor: cmd.actor,
        submissionId: cmd.submissionId,
        items: cmd.items.map((entry) => ({
          itemId: entry.itemId,
          status: entry.approve ? NomineeStatus.APPROVED : NomineeStatus.REJECTED,
          reason: text(entry.reason),
          central: {
            approve: entry.approve,
            number: cmd.number.trim(),
            date: cmd.date,
            ...(text(entry.reason) ? { reason: text(entry.reason) } : {}),
            submissionId: cmd.submissionId,
          },
        })),
        data: { submissionId: cmd.submissionId, number: cmd.number.trim(), date: cmd.date, items: cmd.items },
      },
    ],
  },

  closeRound: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m) => {
      const pending = m.view.items.filter((i) => !isSettled(i)).map((i) => `${i.id} (${i.status})`);
      if (pending.length > 0) refuse(ErrorCode.WRONG_STATE, `items not yet settled: ${pending.join(', ')}`);
      const open = m.view.sessions.find((s) => s.status === 'OPEN');
      if (open) refuse(ErrorCode.WRONG_STATE, `session ${open.id} is still open`);
    },
    events: (_m, cmd, ctx) => [{ type: 'ROUND_CLOSED', at: atOf(ctx), actor: cmd.actor, closedAt: atOf(ctx) }],
  },
};

export const decisionAppliers: Pick<
  RoundAppliers,
  'ROUND_DECIDED' | 'UPWARD_SENT' | 'UPWARD_RETURNED' | 'UPWARD_RESENT' | 'CENTRALLY_DECIDED' | 'ROUND_CLOSED'
> = {
  ROUND_DECIDED: (m, e) => {
    m.view.decisions.push(e.decision);
    for (const d of e.items) {
      const item = findItem(m.view, d.itemId);
      item.decision = d.decision;
      item.status = d.status;
      if (d.reason) item.reason = d.reason;
    }
  },
  UPWARD_SENT: (m, e) => {
    m.view.submissions.push(e.submission);
  },
  UPWARD_RETURNED: (m, e) => {
    const s = findSubmission(m.view, e.submissionId);
    s.status = 'RETURNED';
    s.returns.push({ reason: e.reason, returnedOn: e.returnedOn, by: e.by });
  },
  UPWARD_RESENT: (m, e) => {
    const s = findSubmission(m.view, e.submissionId);
    s.status = 'SENT';
    s.sentOn = e.sentOn;
    s.toTrinh = e.toTrinh;
    s.sends.push({ sentOn: e.sentOn, toTrinh: e.toTrinh });
  },
  CENTRALLY_DECIDED: (m, e) => {
    const s = findSubmission(m.view, e.submissionId);
    for (const d of e.items) {
      const item = findItem(m.view, d.itemId);
      item.central = d.central;
      item.status = d.status;
      if (d.reason) item.reason = d.reason;
    }
    if (s.itemIds.every((id) => findItem(m.view, id).central)) s.status = 'DECIDED';
  },
  ROUND_CLOSED: (m, e) => {
    m.view.status = 'CLOSED';
    m.view.closedAt = e.closedAt;
  },
};
