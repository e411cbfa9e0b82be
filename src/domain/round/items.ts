import { Role } from '../../shared/actors';
import { NomineeStatus } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { AWARD_TYPES } from '../../shared/rules';
import { refuse } from '../cycle/refusal';
import { atOf, findItem, openAnd, requireDistinct, roundRuleSetOn, text } from './common';
import type { RoundAppliers, RoundEvent } from './events';
import type { ProposeDirectCommand, RoundContext, RoundItem, RoundMachine, RoundView } from './types';
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

type DirectProposal = Pick<ProposeDirectCommand, 'proposer' | 'unitCode' | 'unitName' | 'award' | 'note'>;

/** Each proposal as a single one is checked: the province, the agency named, an award given here, no duplicate. */
function checkDirect(m: RoundMachine, provinceCode: string, proposals: readonly DirectProposal[], ctx: RoundContext): void {
  if (provinceCode !== m.view.provinceCode) {
    refuse(ErrorCode.ITEM_WRONG_PROVINCE, `${proposals[0]?.unitCode} is of province ${provinceCode}, not ${m.view.provinceCode}`);
  }
  const rules = roundRuleSetOn(m, ctx.today).rules;
  const batch = new Set<string>();
  for (const [n, p] of proposals.entries()) {
    if (!text(p.proposer)) refuse(ErrorCode.VALIDATION_FAILED, 'proposer: the agency that proposes is required');
    if (!AWARD_TYPES.includes(p.award)) refuse(ErrorCode.VALIDATION_FAILED, `unknown award ${p.award}`);
    if (!rules.awards[p.award].enabled) refuse(ErrorCode.AWARD_DISABLED, `${p.award} is not awarded in this province`);
    const key = `${p.unitCode}|${p.award}`;
    if (batch.has(key)) refuse(ErrorCode.ITEM_DUPLICATE, `${p.unitCode} is proposed twice for ${p.award}`);
    batch.add(key);
    refuseDuplicate(m.view, {
      id: directItemId(m.view.roundId, m.hidden.directSeq + n + 1),
      unitCode: p.unitCode,
      award: p.award,
    });
  }
}

function directItems(m: RoundMachine, proposals: readonly DirectProposal[], ctx: RoundContext): RoundItem[] {
  const awards = roundRuleSetOn(m, ctx.today).rules.awards;
  return proposals.map((p, n) => ({
    id: directItemId(m.view.roundId, m.hidden.directSeq + n + 1),
    source: 'DIRECT',
    proposer: p.proposer.trim(),
    unitCode: p.unitCode,
    unitName: p.unitName,
    award: p.award,
    awardName: awards[p.award]?.displayName,
    status: NomineeStatus.IN_APPRAISAL,
  }));
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
    check: (m, cmd, ctx) => checkDirect(m, cmd.provinceCode, [cmd], ctx),
    events: (m, cmd, ctx) => {
      const [item] = directItems(m, [cmd], ctx);
      return [
        {
          type: 'ITEMS_ADDED',
          at: atOf(ctx),
          actor: cmd.actor,
          items: [item],
          directSeq: m.hidden.directSeq + 1,
          data: { items: [item.id], proposer: item.proposer, note: text(cmd.note) },
        },
      ];
    },
  },

  /** Many direct proposals at once (the list the board compiled from the agencies' letters), each checked as one is. */
  proposeDirectBatch: {
    guard: (view, actor) => openAnd(view, actor, Role.BOARD_HEAD, Role.BOARD_SPECIALIST),
    check: (m, cmd, ctx) => {
      if (cmd.proposals.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'proposals must not be empty');
      checkDirect(m, cmd.provinceCode, cmd.proposals, ctx);
    },
    events: (m, cmd, ctx) => {
      const items = directItems(m, cmd.proposals, ctx);
      return [
        {
          type: 'ITEMS_ADDED',
          at: atOf(ctx),
          actor: cmd.actor,
          items,
          directSeq: m.hidden.directSeq + items.length,
          data: { items: items.map((i) => i.id), direct: items.length },
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
