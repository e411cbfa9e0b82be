import { checkRole } from '../authorization';
import { checkNotBefore } from '../date-order';
import { isIsoDate } from '../working-days';
import { Role } from '../../shared/actors';
import { NomineeStatus, Phase, type Nominee } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { AwardType } from '../../shared/rules';
import { checkOwnDate, dated, findNominee, requirePhase, ruleSetOn } from './common';
import { enforce, refuse } from './refusal';
import { notInRound } from './round';
import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

// ---- DECISION (quyết định của Chủ tịch UBND tỉnh) ----

export type DecisionEvent = EventEnvelope & {
  type: 'DECIDED';
  decisions: { nomineeId: string; decision: NonNullable<Nominee['decision']>; status: NomineeStatus }[];
};

export const decisionSteps: StepRules = {
  decide: {
    guard: (view, actor) => {
      const phase = requirePhase(view, Phase.DECISION);
      if (!phase.ok) return phase;
      const inRound = notInRound(view);
      return inRound.ok ? checkRole(actor, Role.CHAIRMAN) : inRound;
    },
    check: (m, cmd, ctx) => {
      if (!isIsoDate(cmd.decisionDate)) refuse(ErrorCode.VALIDATION_FAILED, 'decisionDate must be a date YYYY-MM-DD');
      checkOwnDate(ctx, cmd, 'decisionDate', 'the decision', cmd.decisionDate);
      enforce(
        checkNotBefore(
          { field: 'decisionDate', what: 'the decision', date: cmd.decisionDate },
          dated.conference(m.view),
          dated.toTrinh(m.view),
          dated.council(m.view),
        ),
      );
      ruleSetOn(m, cmd.decisionDate);
      if (cmd.items.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'items must not be empty');
      const quota = cmd.governmentFlagQuota;
      const forwarding = cmd.items.filter(
        (i) => i.approve && findNominee(m.view, i.nomineeId).award === AwardType.CO_THI_DUA_CHINH_PHU,
      ).length;
      if (quota && forwarding > 0 && quota.alreadyForwarded + forwarding > quota.limit) {
        if (!cmd.quotaOverride?.reason.trim() || !cmd.quotaOverride.documentRef.trim()) {
          refuse(
            ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED,
            `at most ${quota.limit} Cờ thi đua của Chính phủ proposals (of ${quota.blocLeaders} bloc-leading units; ${quota.alreadyForwarded} already forwarded): ${quota.basis}; a documented quotaOverride is required`,
          );
        }
      }
      const seen = new Set<string>();
      for (const item of cmd.items) {
        const nominee = findNominee(m.view, item.nomineeId);
        if (nominee.decision) refuse(ErrorCode.ALREADY_DECIDED, `${item.nomineeId} was decided by ${nominee.decision.number}`);
        if (nominee.status !== NomineeStatus.AWAITING_DECISION) {
          refuse(ErrorCode.WRONG_STATE, `${item.nomineeId} is ${nominee.status}, not awaiting a decision`);
        }
        if (seen.has(item.nomineeId)) refuse(ErrorCode.VALIDATION_FAILED, `${item.nomineeId} is listed twice`);
        seen.add(item.nomineeId);
        if (!item.approve && !item.reason?.trim())
          refuse(ErrorCode.REASON_REQUIRED, `a rejection of ${item.nomineeId} needs a reason`);
      }
    },
    events: (m, cmd, ctx) => {
      const decisionSet = ruleSetOn(m, cmd.decisionDate);
      const decisions = cmd.items.map((item) => {
        const nominee = findNominee(m.view, item.nomineeId);
        const decision: NonNullable<Nominee['decision']> = {
          approve: item.approve,
          number: cmd.decisionNumber,
          date: cmd.decisionDate,
          reason: item.reason,
          rulesVersion: decisionSet.version,
          ...(nominee.award === AwardType.CO_THI_DUA_CHINH_PHU && item.approve && cmd.quotaOverride && cmd.governmentFlagQuota
            ? { quotaOverride: { ...cmd.quotaOverride, quota: cmd.governmentFlagQuota } }
            : {}),
        };
        const status = !item.approve
          ? NomineeStatus.REJECTED
          : decisionSet.rules.awards[nominee.award].forwardedUpward
            ? NomineeStatus.FORWARDED
            : NomineeStatus.APPROVED;
        return { nomineeId: nominee.id, decision, status };
      });
      return [
        {
          type: 'DECIDED',
          at: new Date(ctx.now).toISOString(),
          actor: cmd.actor,
          on: cmd.decisionDate,
          decisions,
          data: { decisionNumber: cmd.decisionNumber, decisionDate: cmd.decisionDate, items: cmd.items },
        },
      ];
    },
  },
};

export const decisionAppliers: Appliers<DecisionEvent> = {
  DECIDED: (m, e) => {
    for (const d of e.decisions) {
      const nominee = findNominee(m.view, d.nomineeId);
      nominee.decision = d.decision;
      nominee.status = d.status;
    }
  },
};
