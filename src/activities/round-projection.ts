import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../db/audit-append';
import { outcomeOf } from '../domain/round/outcomes';
import type { IncomingItem, RoundItem, RoundView } from '../domain/round/types';
import type { Actor } from '../shared/actors';
import { NomineeStatus, type CycleState } from '../shared/cycle-types';
import type { RoundOutcome } from '../shared/round-messages';

export interface ProjectedRoundEvent {
  id: string;
  type: string;
  at: string;
  actor?: Actor;
  data?: Record<string, unknown>;
}

export interface RoundProjection {
  state: RoundView;
  events: ProjectedRoundEvent[];
}

const count = (data: Record<string, unknown> | undefined, key: string): number => {
  const v = data?.[key];
  return Array.isArray(v) ? v.length : typeof v === 'number' ? v : 0;
};

/** The Vietnamese line of a round's timeline entry. */
export function roundEventSummary(e: ProjectedRoundEvent): string {
  const data = e.data ?? {};
  const str = (key: string): string => {
    const v = data[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  const d = {
    year: str('year'),
    n: str('n'),
    proposer: str('proposer'),
    reason: str('reason'),
    sessionId: str('sessionId'),
    sessionDate: str('sessionDate'),
    end: str('end'),
    decisionNumber: str('decisionNumber'),
    decisionDate: str('decisionDate'),
    sentOn: str('sentOn'),
    number: str('number'),
    date: str('date'),
  };
  const text: Record<string, () => string> = {
    ROUND_OPENED: () => `Mở đợt xét khen thưởng năm ${d.year} (đợt ${d.n})`,
    ITEMS_ADDED: () =>
      d.proposer
        ? `Nhập đề nghị trực tiếp của ${d.proposer}`
        : data.direct
          ? `Nhập ${count(data, 'direct')} đề nghị trực tiếp của các cơ quan, đơn vị ngoài khối`
          : `Tiếp nhận ${count(data, 'items')} đề nghị từ khối thi đua`,
    ITEMS_APPRAISED: () => `Chuyên viên thẩm định ${count(data, 'opinions')} đề nghị`,
    LIST_RETURNED: () => `Trưởng phòng trả lại danh sách thẩm định: ${d.reason}`,
    LIST_APPROVED: () => `Trưởng phòng duyệt danh sách thẩm định (${count(data, 'approved')} đề nghị)`,
    SESSION_OPENED: () =>
      `Khai mạc phiên họp ${d.sessionId} của Hội đồng ngày ${d.sessionDate}: ${count(data, 'present')}/${count(data, 'members')} thành viên có mặt`,
    VOTES_RECORDED: () =>
      `Thư ký ghi kết quả bỏ phiếu kín phiên ${d.sessionId}: ${count(data, 'passed')}/${count(data, 'items')} đề nghị đạt`,
    SESSION_ENDED: () => (d.end === 'ADJOURN' ? `Hoãn phiên họp ${d.sessionId}: ${d.reason}` : `Bế mạc phiên họp ${d.sessionId}`),
    ROUND_DECIDED: () =>
      `Chủ tịch UBND tỉnh ký Quyết định số ${d.decisionNumber} ngày ${d.decisionDate} (${count(data, 'items')} đề nghị)`,
    UPWARD_SENT: () => `Gửi Tờ trình đề nghị Trung ương khen thưởng (${count(data, 'items')} đề nghị)`,
    UPWARD_RETURNED: () => `Trung ương trả lại hồ sơ để bổ sung: ${d.reason}`,
    UPWARD_RESENT: () => `Gửi lại hồ sơ đề nghị Trung ương ngày ${d.sentOn}`,
    CENTRALLY_DECIDED: () => `Ghi nhận Quyết định số ${d.number} ngày ${d.date} của Trung ương`,
    ROUND_CLOSED: () => 'Kết thúc đợt xét khen thưởng',
  };
  return (text[e.type]?.() ?? e.type).normalize('NFC');
}

/**
 * Writes a round's snapshot, its timeline entries and its line items (the nominations rows, with status, council
 * votes, decision, the rule-set version that decided them and the latest reason) in the caller's transaction, and each
 * approved award into the unit's history. A snapshot older than the stored one (retry, overtaken) writes only its
 * timeline entries, which are idempotent.
 */
export async function projectRoundState(m: EntityManager, input: RoundProjection): Promise<void> {
  const s = input.state;
  if (await storeRound(m, s)) await writeItems(m, s, s.items);
  await writeEvents(m, s.roundId, input.events);
}

/**
 * What the round's workflow ships since patch `round-projection-delta`: the view without its items, and the items
 * changed since the last projection the workflow saw complete (a later projection overtaking an earlier one carries
 * the earlier one's items too). Merged into the stored view under the row lock; only those items' rows are written.
 */
export interface RoundDeltaProjection {
  head: Omit<RoundView, 'items'>;
  items: RoundItem[];
  events: ProjectedRoundEvent[];
}

export async function projectRoundDelta(m: EntityManager, input: RoundDeltaProjection): Promise<void> {
  const { head } = input;
  const rows: { state: RoundView; version: number }[] = await m.query(
    `SELECT state, version FROM rounds WHERE id = $1 FOR UPDATE`,
    [head.roundId],
  );
  const stored = rows[0];
  if (!stored || stored.version < head.version) {
    const changed = new Map(input.items.map((i) => [i.id, i]));
    const items = (stored?.state.items ?? []).map((i) => changed.get(i.id) ?? i);
    const known = new Set(items.map((i) => i.id));
    // New items come in the view's order, after every item the stored view holds.
    for (const item of input.items) if (!known.has(item.id)) items.push(item);
    const s: RoundView = { ...head, items };
    await storeRound(m, s);
    await writeItems(m, s, input.items);
  }
  await writeEvents(m, head.roundId, input.events);
}

/** The round's row, if this version is newer than the stored one; answers whether it was written. */
async function storeRound(m: EntityManager, s: RoundView): Promise<boolean> {
  const applied: unknown[] = await m.query(
    `INSERT INTO rounds (id, province_code, year, n, status, version, state, opened_at, updated_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, state = EXCLUDED.state,
       updated_at = now(), closed_at = EXCLUDED.closed_at
     WHERE rounds.version < EXCLUDED.version
     RETURNING id`,
    [s.roundId, s.provinceCode, s.year, s.n, s.status, s.version, JSON.stringify(s), s.openedAt, s.closedAt ?? null],
  );
  return applied.length > 0;
}

/** The nominations rows of these items of the round, and the award history of those approved. */
async function writeItems(m: EntityManager, s: RoundView, items: readonly RoundItem[]): Promise<void> {
  for (const item of items) {
    await m.query(
      `INSERT INTO nominations (id, cycle_id, nominee_id, province_code, year, unit_code, award, status, ballot_votes, council_votes,
                                decision_number, decision_date, rules_version, bloc_code, source, proposer, round_id, reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, council_votes = EXCLUDED.council_votes,
         decision_number = EXCLUDED.decision_number, decision_date = EXCLUDED.decision_date,
         rules_version = EXCLUDED.rules_version, round_id = EXCLUDED.round_id, reason = EXCLUDED.reason, updated_at = now()`,
      [
        item.id,
        item.source === 'BLOC' ? (item.cycleId ?? null) : null,
        item.nomineeId ?? `${item.award}:${item.unitCode}`,
        s.provinceCode,
        s.year,
        item.unitCode,
        item.award,
        item.status,
        item.ballotVotes ?? 0,
        item.council?.votesFor ?? null,
        item.decision?.number ?? null,
        item.decision?.date ?? null,
        item.decision?.rulesVersion ?? item.council?.rulesVersion ?? s.rulesVersion,
        item.blocCode ?? null,
        item.source,
        item.proposer ?? null,
        s.roundId,
        item.reason ?? null,
      ],
    );
    if (item.status !== NomineeStatus.APPROVED || !item.decision?.approve) continue;
    // A Cờ CP is awarded by the central decision; the others by the chairman's.
    const by = item.central ?? item.decision;
    await m.query(
      `INSERT INTO award_history (unit_code, year, award, award_name, decision_number, decision_date, cycle_id, round_id, rules_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING`,
      [
        item.unitCode,
        s.year,
        item.award,
        item.awardName ?? item.award,
        by.number,
        by.date,
        item.source === 'BLOC' ? (item.cycleId ?? null) : null,
        s.roundId,
        item.decision.rulesVersion,
      ],
    );
  }
}

async function writeEvents(m: EntityManager, roundId: string, events: readonly ProjectedRoundEvent[]): Promise<void> {
  for (const e of events) {
    const summaryVi = roundEventSummary(e);
    await m.query(
      `INSERT INTO round_events (id, round_id, occurred_at, type, actor_user_id, actor_role, summary_vi, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        e.id,
        roundId,
        e.at,
        e.type,
        e.actor?.userId ?? null,
        e.actor?.role ?? null,
        summaryVi,
        e.data ? JSON.stringify(e.data) : null,
      ],
    );
    await appendAudit(m, {
      eventId: e.id,
      cycleId: null,
      occurredAt: e.at,
      actor: e.actor ? { userId: e.actor.userId, role: e.actor.role, unitCode: e.actor.unitCode } : undefined,
      type: e.type,
      phase: 'ROUND',
      summaryVi,
      data: e.data,
    });
  }
}

/** The round's reads for the cycle handoff: answers from the read model only, never from a signal's payload. */
export function createRoundHandoffActivities(dataSource: DataSource) {
  return {
    /** The province's open round of the year (the year-end round first), if any. */
    async findOpenRound(input: { provinceCode: string; year: number }): Promise<string | undefined> {
      const rows: { id: string }[] = await dataSource.query(
        `SELECT id FROM rounds WHERE province_code = $1 AND year = $2 AND status = 'OPEN' ORDER BY n LIMIT 1`,
        [input.provinceCode, input.year],
      );
      return rows[0]?.id;
    },
    /** A cycle's nominees in appraisal, if its projection says it was handed to this round. */
    async cycleItemsForRound(input: { roundId: string; cycleId: string }): Promise<IncomingItem[]> {
      const rows: { province_code: string; bloc_code: string; state: CycleState }[] = await dataSource.query(
        `SELECT province_code, bloc_code, state FROM cycles WHERE id = $1`,
        [input.cycleId],
      );
      const cycle = rows[0];
      if (!cycle || cycle.state.round?.roundId !== input.roundId) return [];
      const names = new Map(cycle.state.units.map((u) => [u.code, u.name]));
      return cycle.state.nominees
        .filter((n) => n.status === NomineeStatus.IN_APPRAISAL)
        .map((n) => ({
          cycleId: input.cycleId,
          nomineeId: n.id,
          provinceCode: cycle.province_code,
          blocCode: cycle.bloc_code,
          unitCode: n.unitCode,
          unitName: names.get(n.unitCode),
          award: n.award,
          awardName: n.awardName,
          ballotVotes: n.ballotVotes,
        }));
    },
    /** What the round's projection says about a cycle's nominees. */
    async roundOutcomesFor(input: { roundId: string; cycleId: string }): Promise<RoundOutcome[]> {
      const rows: { state: RoundView }[] = await dataSource.query(`SELECT state FROM rounds WHERE id = $1`, [input.roundId]);
      const round = rows[0]?.state;
      if (!round) return [];
      return round.items.filter((i) => i.source === 'BLOC' && i.cycleId === input.cycleId).map((i) => outcomeOf(round, i));
    },
  };
}

export type RoundHandoffActivities = ReturnType<typeof createRoundHandoffActivities>;
