import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { openEndedRuleSet } from '../../../src/domain/rule-selection';
import { acceptedRoundStep, applyRoundEvent, decideRoundStep, startRound } from '../../../src/domain/round/machine';
import type { RoundEvent } from '../../../src/domain/round/events';
import type {
  CouncilMemberRef,
  IncomingItem,
  RoundCommands,
  RoundContext,
  RoundMachine,
  RoundStepName,
} from '../../../src/domain/round/types';
import { Role, type Actor } from '../../../src/shared/actors';
import { AwardType, type ProvinceRules } from '../../../src/shared/rules';

export const PROVINCE = 'BK';
export const ROUND_ID = 'round:BK:2025:1';

export const board = (role: Role, userId = `${role.toLowerCase()}.${PROVINCE}`): Actor => ({
  userId,
  role,
  provinceCode: PROVINCE,
});
export const specialist = () => board(Role.BOARD_SPECIALIST);
export const boardHead = () => board(Role.BOARD_HEAD);
export const chairman = () => board(Role.CHAIRMAN);
export const secretary = () => board(Role.COUNCIL_MEMBER, 'm10');

/** Ten council members, m10 the secretary. */
export const MEMBERS: CouncilMemberRef[] = Array.from({ length: 10 }, (_, i) => ({
  memberId: `m${i + 1}`,
  name: `Thành viên ${i + 1}`,
  councilRole: i === 0 ? 'CHU_TICH' : i === 9 ? 'THU_KY' : 'UY_VIEN',
}));
export const memberIds = (n: number): string[] => MEMBERS.slice(MEMBERS.length - n).map((m) => m.memberId);

export const ctx: RoundContext = { now: Date.parse('2025-12-20T03:00:00Z'), today: '2025-12-20' };

export function newRound(rules: ProvinceRules = DEFAULT_RULES): RoundMachine {
  return startRound(
    {
      roundId: ROUND_ID,
      provinceCode: PROVINCE,
      year: 2025,
      n: 1,
      openedBy: boardHead(),
      ruleSets: [openEndedRuleSet(PROVINCE, rules)],
      targets: { [AwardType.CO_THI_DUA_TINH]: 2 },
    },
    '2025-12-01T00:00:00.000Z',
  );
}

export const incoming = (bloc: string, unitCode: string, award: AwardType, extra: Partial<IncomingItem> = {}): IncomingItem => ({
  cycleId: `cycle.${PROVINCE}.${bloc}.2025`,
  nomineeId: `${award}:${unitCode}`,
  provinceCode: PROVINCE,
  blocCode: bloc,
  unitCode,
  award,
  ballotVotes: 5,
  ...extra,
});

export const itemId = (bloc: string, unitCode: string, award: AwardType) => `cycle.${PROVINCE}.${bloc}.2025:${award}:${unitCode}`;

/** Takes a step that must be accepted, applies its events, and returns them. */
export function take<K extends RoundStepName>(m: RoundMachine, name: K, cmd: RoundCommands[K]): RoundEvent[] {
  const decision = decideRoundStep(m, name, cmd, ctx);
  if (!decision.ok) throw new Error(`${name} refused: ${decision.code} ${decision.detail}`);
  const accepted = acceptedRoundStep(m, name, cmd, ctx);
  if (!accepted.ok) throw new Error(`${name} refused when accepted: ${accepted.code}`);
  for (const e of accepted.events) applyRoundEvent(m, e);
  return accepted.events;
}

/** The refusal's code of a step (the machine is left as it was). */
export function refusal<K extends RoundStepName>(m: RoundMachine, name: K, cmd: RoundCommands[K]): string {
  const decision = decideRoundStep(m, name, cmd, ctx);
  if (decision.ok) throw new Error(`${name} was accepted: ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.code;
}

export const A = 'KHOI-A';
export const B = 'KHOI-B';

/** Two blocs' items and one direct proposal, appraised (B's U4 not recommended) and approved. */
export function appraisedRound(): RoundMachine {
  const m = newRound();
  take(m, 'addItems', {
    actor: board(Role.ADMIN, 'system'),
    items: [
      incoming(A, 'U1', AwardType.CO_THI_DUA_TINH, { ballotVotes: 6 }),
      incoming(A, 'U1', AwardType.CO_THI_DUA_CHINH_PHU, { ballotVotes: 6 }),
      incoming(A, 'U2', AwardType.BANG_KHEN_CHU_TICH),
    ],
  });
  take(m, 'addItems', {
    actor: board(Role.ADMIN, 'system'),
    items: [incoming(B, 'U3', AwardType.CO_THI_DUA_TINH, { ballotVotes: 4 }), incoming(B, 'U4', AwardType.CO_THI_DUA_TINH)],
  });
  take(m, 'proposeDirect', {
    actor: specialist(),
    provinceCode: PROVINCE,
    proposer: 'Sở Tài chính',
    unitCode: 'D1',
    unitName: 'Phòng Kế hoạch',
    award: AwardType.BANG_KHEN_CHU_TICH,
  });
  take(m, 'appraiseItems', {
    actor: specialist(),
    opinions: m.view.items.map((i) => ({
      itemId: i.id,
      recommend: i.unitCode !== 'U4',
      note: i.unitCode === 'U4' ? 'Chưa đủ điều kiện: đảng bộ không hoàn thành xuất sắc nhiệm vụ' : undefined,
    })),
  });
  take(m, 'reviewList', { actor: boardHead(), decision: 'APPROVE' });
  return m;
}

/** The appraised round with session S1 adjourned below quorum and S2 (9 present, 1 written vote) open. */
export function inSecondSession(): RoundMachine {
  const m = appraisedRound();
  take(m, 'openSession', { actor: boardHead(), sessionDate: '2025-12-22', members: MEMBERS, present: memberIds(6) });
  take(m, 'endSession', { actor: boardHead(), sessionId: 'S1', end: 'ADJOURN', reason: 'Không đủ 80% thành viên dự họp' });
  take(m, 'openSession', {
    actor: boardHead(),
    sessionDate: '2025-12-26',
    members: MEMBERS,
    present: memberIds(9),
    writtenVotes: ['m1'],
  });
  return m;
}
