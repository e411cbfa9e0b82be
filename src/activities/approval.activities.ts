import type { DataSource, EntityManager } from 'typeorm';
import { delegableTo, openTasks, SYSTEM } from '../domain/approval';
import { UNIT_ROLES } from '../shared/actors';
import { appendAudits } from '../db/audit-append';
import type { ApproverRole, ChainEvent, ChainState, Delegation } from '../shared/approval';
import { APPROVAL_EVENT_LABELS_VI } from '../shared/approval';
import type { RoleHolder } from '../domain/approval';
import { chainMails } from '../domain/mail';
import { enqueueMails } from './mail-outbox';

export interface ResolveApproversInput {
  role: ApproverRole;
  provinceCode: string;
  /** For BLOC_LEADER: the bloc whose Trưởng khối in office is wanted. */
  blocCode?: string;
  /** Only the holders in this unit (unit roles scoped to the chain's subject unit). */
  unitCode?: string;
  /** The instant of the assignment: roles in force then, delegations covering its local date. */
  at: string;
  localDate: string;
}

export interface ResolvedApprovers {
  holders: RoleHolder[];
  delegations: Delegation[];
}

/** Ids of the chain's events already in the audit chain are `<chainId>:<seq>`. */
export const chainEventId = (chainId: string, seq: number) => `${chainId}:${seq}`;

/**
 * Activities of the approval-chain workflow: who holds a role on a date (with the delegations in force then), and
 * the projection of the chain's state into the read model, its inbox rows, its incidents and the audit chain, all in
 * one transaction and guarded by the log length so that a late retry never overwrites a newer state.
 */
export function createApprovalActivities(dataSource: DataSource) {
  return {
    async resolveApprovers(input: ResolveApproversInput): Promise<ResolvedApprovers> {
      if (input.role === 'BLOC_LEADER') return resolveBlocLeader(dataSource, input);
      const holders: { username: string; display_name: string; unit_code: string | null }[] = await dataSource.query(
        // The unit a holder serves, from any unit role of theirs in force: what recusal is checked against.
        `SELECT DISTINCT ON (u.username) u.username, u.display_name,
                (SELECT r2.unit_code FROM role_assignments r2 WHERE r2.user_id = u.id AND r2.unit_code IS NOT NULL
                   AND r2.valid_from <= $3 AND (r2.valid_to IS NULL OR r2.valid_to > $3) ORDER BY r2.valid_from LIMIT 1) AS unit_code
         FROM role_assignments r JOIN users u ON u.id = r.user_id
         WHERE r.role = $1 AND r.province_code = $2 AND NOT u.disabled
           AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to > $3)
           AND ($4::text IS NULL OR r.unit_code = $4)
         ORDER BY u.username, r.valid_from`,
        [input.role, input.provinceCode, input.at, input.unitCode ?? null],
      );
      const delegations: {
        from_user: string;
        to_user: string;
        to_name: string;
        to_unit: string | null;
        valid_from: string;
        valid_to: string;
        kind: Delegation['kind'];
      }[] = holders.length
        ? await dataSource.query(
            `SELECT d.from_user, d.to_user, u.display_name AS to_name, to_char(d.valid_from, 'YYYY-MM-DD') AS valid_from,
                    to_char(d.valid_to, 'YYYY-MM-DD') AS valid_to, d.kind,
                    (SELECT r.unit_code FROM role_assignments r WHERE r.user_id = u.id AND r.unit_code IS NOT NULL
                       AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to > $3) LIMIT 1) AS to_unit
             FROM delegations d JOIN users u ON u.username = d.to_user AND NOT u.disabled
             WHERE d.from_user = ANY($1) AND d.ended_at IS NULL AND d.valid_from <= $2::date AND d.valid_to >= $2::date
               -- A delegate who no longer holds a role eligible to stand in for this one is skipped (delegableTo).
               AND EXISTS (SELECT 1 FROM role_assignments e WHERE e.user_id = u.id AND e.role = ANY($4)
                             AND e.valid_from <= $3 AND (e.valid_to IS NULL OR e.valid_to > $3)
                             AND (CASE WHEN $6::text IS NULL THEN e.province_code = $5 ELSE e.unit_code = $6 END))
             ORDER BY d.valid_from, d.created_at`,
            [
              holders.map((h) => h.username),
              input.localDate,
              input.at,
              delegableTo(input.role),
              input.provinceCode,
              UNIT_ROLES.includes(input.role) ? (input.unitCode ?? null) : null,
            ],
          )
        : [];
      return {
        holders: holders.map((h) => ({
          userId: h.username,
          displayName: h.display_name,
          ...(h.unit_code ? { unitCode: h.unit_code } : {}),
        })),
        delegations: delegations.map((d) => ({
          fromUserId: d.from_user,
          toUserId: d.to_user,
          toDisplayName: d.to_name,
          ...(d.to_unit ? { toUnitCode: d.to_unit } : {}),
          validFrom: d.valid_from,
          validTo: d.valid_to,
          kind: d.kind,
        })),
      };
    },

    async projectChain(state: ChainState): Promise<void> {
      await dataSource.transaction((m) => projectChain(m, state));
    },
  };
}

/**
 * The Trưởng khối in office of a bloc at `at`: the heads of the leading unit of the latest leadership in office (seeded
 * or appointed at once, elected from its handover). Delegations do not apply: the escalation goes to the office.
 */
async function resolveBlocLeader(dataSource: DataSource, input: ResolveApproversInput): Promise<ResolvedApprovers> {
  if (!input.blocCode) return { holders: [], delegations: [] };
  const holders: { username: string; display_name: string; unit_code: string }[] = await dataSource.query(
    `WITH office AS (
       SELECT l.leader_unit_code FROM bloc_leaderships l JOIN blocs b ON b.id = l.bloc_id
       WHERE b.province_code = $1 AND b.code = $2
         AND (l.source <> 'ELECTED' OR (l.handed_over_at IS NOT NULL AND l.handed_over_at <= $3))
       ORDER BY l.year DESC LIMIT 1
     )
     SELECT DISTINCT u.username, u.display_name, r.unit_code
     FROM role_assignments r JOIN users u ON u.id = r.user_id JOIN office o ON o.leader_unit_code = r.unit_code
     WHERE r.role = 'UNIT_HEAD' AND NOT u.disabled AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to > $3)
     ORDER BY u.username`,
    [input.provinceCode, input.blocCode, input.at],
  );
  return {
    holders: holders.map((h) => ({ userId: h.username, displayName: h.display_name, unitCode: h.unit_code })),
    delegations: [],
  };
}

async function projectChain(m: EntityManager, state: ChainState): Promise<void> {
  const version = state.log.length;
  // The log length last projected: only the events after it are new to the audit chain.
  const stored: { version: number }[] = await m.query(`SELECT version FROM approval_chains WHERE chain_id = $1 FOR UPDATE`, [
    state.chainId,
  ]);
  const projected = stored[0]?.version ?? 0;
  const status = state.completedAt ? 'COMPLETE' : 'IN_PROGRESS';
  const written: unknown[] = await m.query(
    `INSERT INTO approval_chains (chain_id, province_code, bloc_code, cycle_id, definition_code, title, status, submitted_by, version, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (chain_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, state = EXCLUDED.state,
       updated_at = now()
     WHERE approval_chains.version < EXCLUDED.version
     RETURNING chain_id`,
    [
      state.chainId,
      state.subject.provinceCode,
      state.subject.blocCode ?? null,
      state.subject.cycleId ?? null,
      state.definition.code,
      state.subject.title,
      status,
      state.submittedBy.userId,
      version,
      JSON.stringify(state),
    ],
  );
  if (written.length === 0) return; // an older state than the one stored: a late retry
  await m.query(`DELETE FROM approval_tasks WHERE chain_id = $1`, [state.chainId]);
  for (const task of openTasks(state)) {
    await m.query(
      `INSERT INTO approval_tasks (chain_id, assignment_id, user_id, acting_for_user_id, acting_for_name, level_code, level_name,
                                   item_ids, round, due_at, province_code, bloc_code, cycle_id, title)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        state.chainId,
        task.assignmentId,
        task.userId,
        task.actingFor?.userId ?? null,
        task.actingFor?.displayName ?? null,
        task.levelCode,
        task.levelName,
        JSON.stringify(task.itemIds),
        task.round,
        task.dueAt ?? null,
        state.subject.provinceCode,
        state.subject.blocCode ?? null,
        state.subject.cycleId ?? null,
        state.subject.title,
      ],
    );
  }
  for (const incident of state.incidents) {
    await m.query(
      `INSERT INTO approval_incidents (chain_id, incident_id, province_code, level_code, reason, role, detail, opened_at, resolved_at, resolution)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (chain_id, incident_id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at, resolution = EXCLUDED.resolution`,
      [
        state.chainId,
        incident.incidentId,
        state.subject.provinceCode,
        incident.levelCode,
        incident.reason,
        incident.role,
        incident.detail,
        incident.openedAt,
        incident.resolvedAt ?? null,
        incident.resolution ?? null,
      ],
    );
  }
  // The mails of the new events (tasks assigned, reminders, escalations, missed time limits), in this transaction.
  await enqueueMails(m, chainMails(state, state.log.slice(projected)));
  // Last, so the audit chain's lock is held only for the appends: every event of the chain, human or system.
  await appendAudits(
    m,
    state.log.slice(projected).map((event) => auditInput(state, event)),
  );
}

/** The engine's own acts (a timer's escalation) carry the SYSTEM person; the audit log records them as system acts. */
const humanActor = (event: ChainEvent) => (event.actor && event.actor.userId !== SYSTEM.userId ? event.actor : undefined);

function auditInput(state: ChainState, event: ChainEvent) {
  const actor = humanActor(event);
  const who = actor
    ? event.actingFor
      ? `${actor.displayName ?? actor.userId} (thay mặt ${event.actingFor.displayName ?? event.actingFor.userId})`
      : (actor.displayName ?? actor.userId)
    : 'Hệ thống';
  const parts = [
    `${APPROVAL_EVENT_LABELS_VI[event.type]} – ${state.subject.title}`,
    event.levelCode
      ? `cấp ${state.definition.levels.find((l) => l.code === event.levelCode)?.name ?? event.levelCode}`
      : undefined,
    event.itemIds?.length ? `nội dung: ${event.itemIds.map((id) => state.items[id]?.title ?? id).join(', ')}` : undefined,
    event.reason ? `lý do: ${event.reason}` : undefined,
    `người thực hiện: ${who}`,
  ];
  return {
    eventId: chainEventId(state.chainId, event.seq),
    cycleId: state.subject.cycleId ?? null,
    occurredAt: event.at,
    actor: actor ? { userId: actor.userId, role: 'APPROVER', unitCode: actor.unitCode } : undefined,
    type: `APPROVAL_${event.type}`,
    phase: null,
    summaryVi: parts.filter(Boolean).join('; '),
    data: {
      chainId: state.chainId,
      seq: event.seq,
      ...(event.itemIds ? { itemIds: event.itemIds } : {}),
      ...(event.levelCode ? { levelCode: event.levelCode } : {}),
      ...(event.actingFor ? { actingFor: event.actingFor.userId } : {}),
      ...(event.round ? { round: event.round } : {}),
    },
  };
}

export type ApprovalActivities = ReturnType<typeof createApprovalActivities>;
