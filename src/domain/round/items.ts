import { Role } from '../../shared/actors';
import { NomineeStatus } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { AWARD_TYPES } from '../../shared/rules';
import { refuse } from '../cycle/refusal';
import { atOf, findItem, openAnd, requireDistinct, roundRuleSetOn, text } from './common';
import type { RoundAppliers, RoundEvent } from './events';
import type { RoundItem, RoundView } from './types';
import type { RoundStepRules } from './machine-types';

// ---- Line items: from the blocs' cycles and direct proposals; the board's appraisal ----

export const directItemId = (roundId: string, n: number): string => `${roundId}:direct:${n}`;
export const blocItemId = (cycleId: string, nomineeId: string): string => `${cycleId}:${nomineeId}`;

function refuseDuplicate(view: RoundView, item: Pick<RoundItem, 'id' | 'unitCode' | 'award'>): void {
  if (view.items.some((i) => i.id === item.id)) refuse(ErrorCode.ITEM_DUPLICATE, `item ${item.id} is already in the round`);
  if (view.items.some((i) => i.unitCode === item.unitCode && i.award === item.award)) {
    refuse(ErrorCode.ITEM_DUPLICATE, `${item.unitCode} is already proposed for ${item.award} in this round`);
  }
}

export const itemSteps: RoundStepRules = {
  /** A bloc's cycle hands its nominees over (by the cycle's activity, or by the board's gather). */
  addItems: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD, Role.BOARD_SPECIALIST, Role.ADMIN),
    check: (m, cmd) => {
      if (cmd.items.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'items must not be empty');
      const seen = new Set<string>();
      for (const incoming of cmd.items) {
        if (incoming.provinceCode !== m.view.provinceCode) {
          refuse(
            ErrorCode.ITEM_WRONG_PROVINCE,
            `${incoming.cycleId} is of province ${incoming.provinceCode}, not ${m.view.provinceCode}`,
          );
        }
        if (!AWARD_TYPES.includes(incoming.award)) refuse(ErrorCode.VALIDATION_FAILED, `unknown award ${incoming.award}`);
        const id = blocItemId(incoming.cycleId, incoming.nomineeId);
        if (seen.has(id)) refuse(ErrorCode.ITEM_DUPLICATE, `item ${id} is listed twice`);
        seen.add(id);
        refuseDuplicate(m.view, { id, unitCode: incoming.unitCode, award: incoming.award });
      }
    },
    events: (_m, cmd, ctx) => {
      const items: RoundItem[] = cmd.items.map((i) => ({
        id: blocItemId(i.cycleId, i.nomineeId),
        source: 'BLOC',
        cycleId: i.cycleId,
        nomineeId: i.nomineeId,
        blocCode: i.blocCode,
        unitCode: i.unitCode,
        unitName: i.unitName,
        award: i.award,
        awardName: i.awardName,
        ballotVotes: i.ballotVotes,
        blocRank: i.blocRank,
        status: NomineeStatus.IN_APPRAISAL,
      }));
      return [{ type: 'ITEMS_ADDED', at: atOf(ctx), actor: cmd.actor, items, data: { items: items.map((i) => i.id) } }];
    },
  },

  /** The board enters a proposal an agency outside any bloc sent directly. */
  proposeDirect: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD, Role.BOARD_SPECIALIST),
    check: (m, cmd, ctx) => {
      if (cmd.provinceCode !== m.view.provinceCode) {
        refuse(ErrorCode.ITEM_WRONG_PROVINCE, `${cmd.unitCode} is of province ${cmd.provinceCode}, not ${m.view.provinceCode}`);
      }
      if (!text(cmd.proposer)) refuse(ErrorCode.VALIDATION_FAILED, 'proposer: the agency that proposes is required');
      if (!AWARD_TYPES.includes(cmd.award)) refuse(ErrorCode.VALIDATION_FAILED, `unknown award ${cmd.award}`);
      const rule = roundRuleSetOn(m, ctx.today).rules.awards[cmd.award];
      if (!rule.enabled) refuse(ErrorCode.AWARD_DISABLED, `${cmd.award} is not awarded in this province`);
      refuseDuplicate(m.view, {
        id: directItemId(m.view.roundId, m.hidden.directSeq + 1),
        unitCode: cmd.unitCode,
        award: cmd.award,
      });
    },
    events: (m, cmd, ctx) => {
      const n = m.hidden.directSeq + 1;
      const awardName = roundRuleSetOn(m, ctx.today).rules.awards[cmd.award]?.displayName;
      const item: RoundItem = {
        id: directItemId(m.view.roundId, n),
        source: 'DIRECT',
        proposer: cmd.proposer.trim(),
        unitCode: cmd.unitCode,
        unitName: cmd.unitName,
        award: cmd.award,
        awardName,
        status: NomineeStatus.IN_APPRAISAL,
      };
      return [
        {
          type: 'ITEMS_ADDED',
          at: atOf(ctx),
          actor: cmd.actor,
          items: [item],
          directSeq: n,
          data: { items: [item.id], proposer: item.proposer, note: text(cmd.note) },
        },
      ];
    },
  },

  /** The board's specialist appraises items (recommend or not, with a note that stays on the item). */
  appraiseItems: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_SPECIALIST),
    check: (m, cmd) => {
      requireDistinct(
        cmd.opinions.map((o) => o.itemId),
        'opinions',
      );
      for (const opinion of cmd.opinions) {
        const item = findItem(m.view, opinion.itemId);
        if (item.status !== NomineeStatus.IN_APPRAISAL) {
          refuse(ErrorCode.WRONG_STATE, `${item.id} is ${item.status}, not in appraisal`);
        }
        if (!opinion.recommend && !text(opinion.note)) {
          refuse(ErrorCode.REASON_REQUIRED, `an item not recommended (${item.id}) needs a note saying why`);
        }
      }
    },
    events: (_m, cmd, ctx) => [
      {
        type: 'ITEMS_APPRAISED',
        at: atOf(ctx),
        actor: cmd.actor,
        opinions: cmd.opinions.map((o) => ({ itemId: o.itemId, recommend: o.recommend, note: text(o.note) })),
        by: cmd.actor.userId,
        data: { opinions: cmd.opinions },
      },
    ],
  },

  /** The head of the board approves the appraised list (every item in appraisal must be appraised) or returns it. */
  reviewList: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD),
    check: (m, cmd) => {
      const pending = m.view.items.filter((i) => i.status === NomineeStatus.IN_APPRAISAL);
      if (pending.length === 0) refuse(ErrorCode.WRONG_STATE, 'no item awaits the approval of the appraisal');
      if (cmd.decision === 'RETURN') {
        if (!text(cmd.reason)) refuse(ErrorCode.REASON_REQUIRED, 'a returned list needs a reason');
        return;
      }
      const unappraised = pending.filter((i) => !i.appraisal).map((i) => i.id);
      if (unappraised.length > 0) {
        refuse(ErrorCode.WRONG_STATE, `items not yet appraised: ${unappraised.join(', ')}`);
      }
    },
    events: (m, cmd, ctx): RoundEvent[] => {
      if (cmd.decision === 'RETURN') {
        return [
          { type: 'LIST_RETURNED', at: atOf(ctx), actor: cmd.actor, reason: (cmd.reason ?? '').trim(), by: cmd.actor.userId },
        ];
      }
      const rules = roundRuleSetOn(m, ctx.today).rules;
      const outcomes = m.view.items
        .filter((i) => i.status === NomineeStatus.IN_APPRAISAL)
        .map((i) =>
          !i.appraisal?.recommend
            ? { itemId: i.id, status: NomineeStatus.NOT_RECOMMENDED, reason: i.appraisal?.note }
            : {
                itemId: i.id,
                status: rules.awards[i.award].requiresCouncil ? NomineeStatus.AWAITING_COUNCIL : NomineeStatus.AWAITING_DECISION,
              },
        );
      return [
        {
          type: 'LIST_APPROVED',
          at: atOf(ctx),
          actor: cmd.actor,
          by: cmd.actor.userId,
          on: ctx.today,
          outcomes,
          data: { approved: outcomes.length },
        },
      ];
    },
  },
};

export const itemAppliers: Pick<RoundAppliers, 'ITEMS_ADDED' | 'ITEMS_APPRAISED' | 'LIST_RETURNED' | 'LIST_APPROVED'> = {
  ITEMS_ADDED: (m, e) => {
    m.view.items.push(...e.items);
    if (e.directSeq !== undefined) m.hidden.directSeq = e.directSeq;
    m.view.appraisal.status = 'PENDING';
  },
  ITEMS_APPRAISED: (m, e) => {
    for (const o of e.opinions) {
      const item = findItem(m.view, o.itemId);
      item.appraisal = { recommend: o.recommend, note: o.note, by: e.by };
    }
  },
  LIST_RETURNED: (m, e) => {
    m.view.appraisal.status = 'RETURNED';
    m.view.appraisal.returns.push({ reason: e.reason, by: e.by, at: e.at });
  },
  LIST_APPROVED: (m, e) => {
    for (const o of e.outcomes) {
      const item = findItem(m.view, o.itemId);
      item.status = o.status;
      if (o.reason) item.reason = o.reason;
    }
    m.view.appraisal.status = 'PENDING';
    m.view.appraisal.approvals.push({ by: e.by, on: e.on, itemIds: e.outcomes.map((o) => o.itemId) });
  },
};
