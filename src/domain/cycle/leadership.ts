import { checkRole } from '../authorization';
import { PASS, fail } from '../outcome';
import { Role } from '../../shared/actors';
import { ItemStatus, type ItemInput, type ItemOutcome, type ItemState } from '../../shared/approval';
import type { CycleState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { checkStepDate, dated, dayOf } from './common';
import { refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleMachine, EventEnvelope, StepRules } from './types';

// ---- Leadership elected, then approved by the superior (ELECTED_THEN_APPROVED) ----

type LeadershipApproval = NonNullable<CycleState['leadershipApproval']>;

export type LeadershipEvent = EventEnvelope &
  (
    | {
        type: 'LEADERSHIP_APPROVED';
        nextLeader: string;
        nextDeputy: string;
        /** The superior's decision; absent when the approval chain approved both seats (`chainId`). */
        decisionRef?: string;
        chainId?: string;
        by?: string;
        approvedAt: string;
      }
    | { type: 'LEADERSHIP_NOT_APPROVED'; chainResult: NonNullable<LeadershipApproval['chainResult']> }
  );

export const LEADER_SEAT = 'TRUONG_KHOI';
export const DEPUTY_SEAT = 'PHO_KHOI';

const approvalOf = (m: CycleMachine): LeadershipApproval => {
  if (!m.view.leadershipApproval) refuse(ErrorCode.WRONG_STATE, 'no elected leadership awaits approval');
  return m.view.leadershipApproval;
};

export const leadershipSteps: StepRules = {
  approveLeadership: {
    guard: (view, actor) => {
      const role = checkRole(actor, Role.BOARD_HEAD, Role.CHAIRMAN);
      if (!role.ok) return role;
      if (view.leadershipApproval?.status !== 'PENDING')
        return fail(ErrorCode.WRONG_STATE, 'no elected leadership awaits approval');
      const { chainId, chainResult } = view.leadershipApproval;
      return chainId && !chainResult
        ? fail(
            ErrorCode.WRONG_STATE,
            `the elected leadership is approved in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`,
          )
        : PASS;
    },
    check: (m, cmd, ctx) => {
      const approval = approvalOf(m);
      const chainResult = approval.chainResult;
      if (chainResult?.leader !== undefined && chainResult.leader !== ItemStatus.APPROVED && cmd.leaderUnit === undefined)
        refuse(
          ErrorCode.VALIDATION_FAILED,
          `the chain did not approve the elected Trưởng khối (${chainResult.leader}): name leaderUnit`,
        );
      if (chainResult?.deputy !== undefined && chainResult.deputy !== ItemStatus.APPROVED && cmd.deputyUnit === undefined)
        refuse(
          ErrorCode.VALIDATION_FAILED,
          `the chain did not approve the elected Phó khối (${chainResult.deputy}): name deputyUnit`,
        );
      if (!cmd.decisionRef.trim()) refuse(ErrorCode.VALIDATION_FAILED, 'decisionRef must name the approving decision');
      checkStepDate(ctx, cmd, 'the approval of the leadership', dated.conference(m.view));
      for (const unit of [cmd.leaderUnit, cmd.deputyUnit]) {
        if (unit !== undefined && !ctx.facts.memberCodes.includes(unit))
          refuse(ErrorCode.NOT_MEMBER, `unit ${unit} is not a member of this bloc`);
      }
      const leader = cmd.leaderUnit ?? approval.elected.leader;
      const deputy = cmd.deputyUnit ?? approval.elected.deputy;
      if (leader === deputy) refuse(ErrorCode.VALIDATION_FAILED, 'one unit cannot be both Trưởng khối and Phó khối');
    },
    events: (m, cmd, ctx) => {
      const approval = approvalOf(m);
      const nextLeader = cmd.leaderUnit ?? approval.elected.leader;
      const nextDeputy = cmd.deputyUnit ?? approval.elected.deputy;
      return [
        {
          type: 'LEADERSHIP_APPROVED',
          at: new Date(ctx.now).toISOString(),
          actor: cmd.actor,
          on: dayOf(ctx, cmd),
          nextLeader,
          nextDeputy,
          decisionRef: cmd.decisionRef,
          by: cmd.actor.userId,
          approvedAt: new Date(ctx.now).toISOString(),
          data: { decisionRef: cmd.decisionRef, nextLeader, nextDeputy },
        },
      ];
    },
  },
};

// ---- Chain mode (rules.approvalChains.leadershipApproval): one item per seat, the elected unit recused from its own ----

/** The title and the two seats of the leadership's approval chain (Vietnamese: shown in the approvers' inbox). */
export function leadershipChainTitles(view: CycleState, approval: LeadershipApproval): { title: string; items: ItemInput[] } {
  const unitName = (code: string) => view.units.find((u) => u.code === code)?.name ?? code;
  const next = view.year + 1;
  const { leader, deputy } = approval.elected;
  return {
    title: `Phê duyệt Trưởng khối, Phó khối năm ${next} – ${view.blocName}`,
    items: [
      { itemId: LEADER_SEAT, title: `Trưởng khối năm ${next}: ${unitName(leader)}`, subjectUnitCode: leader },
      { itemId: DEPUTY_SEAT, title: `Phó khối năm ${next}: ${unitName(deputy)}`, subjectUnitCode: deputy },
    ],
  };
}

type SeatResult = { item: ItemState; last?: ItemOutcome };

/**
 * The chain's outcome (`seats` absent: today's conference rules no longer have the chain). Both seats approved: the
 * leadership is approved as elected. Otherwise the superior designates by decision through the fixed step, naming
 * each seat the chain did not approve.
 */
export function leadershipChainOutcome(m: CycleMachine, ctx: CycleContext, seats: SeatResult[] | undefined): LeadershipEvent[] {
  const approval = approvalOf(m);
  const chainId = approval.chainId as string;
  const at = new Date(ctx.now).toISOString();
  const { leader, deputy } = approval.elected;
  const settled = seats ?? [];
  if (settled.length === 2 && settled.every((s) => s.item.status === ItemStatus.APPROVED)) {
    const last = settled.map((s) => s.last).sort((a, b) => (a?.at ?? '').localeCompare(b?.at ?? ''))[1];
    return [
      {
        type: 'LEADERSHIP_APPROVED',
        at,
        approvedAt: last?.at ?? at,
        nextLeader: leader,
        nextDeputy: deputy,
        chainId,
        by: last?.userId,
        data: { chainId, by: last?.userId, nextLeader: leader, nextDeputy: deputy },
      },
    ];
  }
  const reasons = settled.flatMap((s) => (s.last?.reason ? [`${s.item.title}: ${s.last.reason}`] : []));
  const chainResult = { leader: settled[0]?.item.status ?? 'NO_CHAIN', deputy: settled[1]?.item.status ?? 'NO_CHAIN', reasons };
  return [{ type: 'LEADERSHIP_NOT_APPROVED', at, chainResult, data: { chainId, ...chainResult } }];
}

export const leadershipAppliers: Appliers<LeadershipEvent> = {
  LEADERSHIP_APPROVED: (m, e) => {
    const approval = approvalOf(m);
    if (e.chainId === undefined) {
      m.view.nextLeader = e.nextLeader;
      m.view.nextDeputy = e.nextDeputy;
    }
    m.view.leadershipApproval = {
      ...approval,
      status: 'APPROVED',
      decisionRef: e.decisionRef ?? `Quy trình phê duyệt ${e.chainId}`,
      by: e.by,
      at: e.approvedAt,
    };
  },
  LEADERSHIP_NOT_APPROVED: (m, e) => {
    approvalOf(m).chainResult = e.chainResult;
  },
};
