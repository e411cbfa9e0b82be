import { roundEventSummary } from '../../../src/activities/round-projection';
import { itemsChangedBy, type RoundEvent } from '../../../src/domain/round/events';
import { acceptedRoundStep, applyRoundEvent } from '../../../src/domain/round/machine';
import type { RoundCommands, RoundMachine, RoundStepName } from '../../../src/domain/round/types';
import { NomineeStatus } from '../../../src/shared/cycle-types';
import { AwardType } from '../../../src/shared/rules';
import {
  A,
  board,
  boardHead,
  chairman,
  ctx,
  incoming,
  MEMBERS,
  memberIds,
  newRound,
  PROVINCE,
  refusal,
  secretary,
  specialist,
} from './builder';
import { Role } from '../../../src/shared/actors';

/**
 * The round's projection ships only the items a step changed (patch `round-projection-delta`): every item an event
 * adds or changes must be among `itemsChangedBy`, or the read model would keep it as an earlier step left it.
 */
describe('The items a round step changes', () => {
  const seen: string[] = [];

  /** Takes a step, and checks each of its events against the items it really changed. */
  function take<K extends RoundStepName>(m: RoundMachine, name: K, cmd: RoundCommands[K]): RoundEvent[] {
    const decision = acceptedRoundStep(m, name, cmd, ctx);
    if (!decision.ok) throw new Error(`${name} refused: ${decision.code} ${decision.detail}`);
    for (const e of decision.events) {
      const before = new Map(m.view.items.map((i) => [i.id, JSON.stringify(i)]));
      applyRoundEvent(m, e);
      const changed = m.view.items.filter((i) => before.get(i.id) !== JSON.stringify(i)).map((i) => i.id);
      expect({ event: e.type, missing: changed.filter((id) => !itemsChangedBy(e).includes(id)) }).toEqual({
        event: e.type,
        missing: [],
      });
      seen.push(e.type);
    }
    return decision.events;
  }

  it('names every item each event of a whole round adds or changes', () => {
    const m = newRound();
    take(m, 'addItems', {
      actor: board(Role.ADMIN, 'system'),
      items: [
        incoming(A, 'U1', AwardType.CO_THI_DUA_TINH),
        incoming(A, 'U1', AwardType.CO_THI_DUA_CHINH_PHU),
        incoming(A, 'U2', AwardType.BANG_KHEN_CHU_TICH),
        incoming(A, 'U3', AwardType.CO_THI_DUA_TINH),
      ],
    });
    const direct = { proposer: 'Sở Y tế', award: AwardType.BANG_KHEN_CHU_TICH };
    take(m, 'proposeDirect', { actor: specialist(), provinceCode: PROVINCE, unitCode: 'D1', ...direct });
    take(m, 'proposeDirectBatch', {
      actor: specialist(),
      provinceCode: PROVINCE,
      proposals: [
        { unitCode: 'D2', ...direct },
        { unitCode: 'D3', ...direct },
      ],
    });
    take(m, 'appraiseItems', {
      actor: specialist(),
      opinions: m.view.items.map((i) => ({ itemId: i.id, recommend: i.unitCode !== 'D3', note: 'Ý kiến thẩm định' })),
    });
    take(m, 'reviewList', { actor: boardHead(), decision: 'RETURN', reason: 'Bổ sung ý kiến' });
    take(m, 'reviewList', { actor: boardHead(), decision: 'APPROVE' });
    take(m, 'openSession', { actor: boardHead(), sessionDate: '2025-12-22', members: MEMBERS, present: memberIds(6) });
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S1', end: 'ADJOURN', reason: 'Không đủ thành viên' });
    take(m, 'openSession', { actor: boardHead(), sessionDate: '2025-12-26', members: MEMBERS, present: memberIds(10) });
    const council = m.view.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL);
    take(m, 'voteTallies', {
      actor: secretary(),
      sessionId: 'S2',
      tallies: council.map((i) => ({ itemId: i.id, votesFor: i.unitCode === 'U3' ? 2 : 10, votesAgainst: 0, invalid: 0 })),
    });
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S2', end: 'CLOSE' });
    const decidable = m.view.items.filter((i) => i.status === NomineeStatus.AWAITING_DECISION);
    take(m, 'decideRound', {
      actor: chairman(),
      decisionNumber: '1/QĐ-UBND',
      decisionDate: '2026-01-05',
      items: decidable.map((i) => ({ itemId: i.id, approve: i.unitCode !== 'D2', reason: 'Lý do' })),
    });
    const forwarded = m.view.items.filter((i) => i.status === NomineeStatus.FORWARDED).map((i) => i.id);
    expect(forwarded).toHaveLength(1);
    const toTrinh = { number: '2/TTr-UBND', date: '2026-01-10' };
    take(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-11', itemIds: forwarded });
    take(m, 'returnUpward', { actor: boardHead(), submissionId: 'U1', reason: 'Bổ sung', returnedOn: '2026-02-01' });
    take(m, 'resendUpward', { actor: boardHead(), submissionId: 'U1', sentOn: '2026-02-05' });
    take(m, 'centralDecision', {
      actor: boardHead(),
      submissionId: 'U1',
      number: '3/QĐ-TTg',
      date: '2026-04-01',
      items: [{ itemId: forwarded[0], approve: true }],
    });
    expect(refusal(m, 'closeRound', { actor: chairman() })).toBe('FORBIDDEN_ACTOR');
    take(m, 'closeRound', { actor: boardHead() });
    expect(new Set(seen)).toEqual(
      new Set([
        'ITEMS_ADDED',
        'ITEMS_APPRAISED',
        'LIST_RETURNED',
        'LIST_APPROVED',
        'SESSION_OPENED',
        'SESSION_ENDED',
        'VOTES_RECORDED',
        'ROUND_DECIDED',
        'UPWARD_SENT',
        'UPWARD_RETURNED',
        'UPWARD_RESENT',
        'CENTRALLY_DECIDED',
        'ROUND_CLOSED',
      ]),
    );
  });

  it('words a list of direct proposals apart from a bloc’s hand-over and a single proposal', () => {
    const at = '2026-01-05T03:00:00.000Z';
    expect(roundEventSummary({ id: 'r:1', type: 'ITEMS_ADDED', at, data: { items: ['a', 'b'], direct: 2 } })).toBe(
      'Nhập 2 đề nghị trực tiếp của các cơ quan, đơn vị ngoài khối',
    );
    expect(roundEventSummary({ id: 'r:2', type: 'ITEMS_ADDED', at, data: { items: ['a'], proposer: 'Sở Y tế' } })).toBe(
      'Nhập đề nghị trực tiếp của Sở Y tế',
    );
    expect(roundEventSummary({ id: 'r:3', type: 'ITEMS_ADDED', at, data: { items: ['a', 'b', 'c'] } })).toBe(
      'Tiếp nhận 3 đề nghị từ khối thi đua',
    );
  });
});
