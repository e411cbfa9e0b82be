import type { DataSource, EntityManager } from 'typeorm';
import {
  NomineeStatus,
  Phase,
  type AssessmentRound,
  type AssessmentState,
  type CriterionScore,
  type CycleState,
  type ScorePhase,
  type ProjectedEvent,
  type ProjectedStep,
  type TimelineEvent,
} from '../shared/cycle-types';
import { renderCycleEvent } from '../domain/cycle/wording';
import { latestReason } from '../domain/nomination-report';
import { renderAssessmentEvent } from '../domain/cycle/wording/assessment';
import { applyViewDelta, touchedBy, touchedKeys, type ViewDelta } from '../shared/view-delta';
import { appendAuditEntries, appendAuditEntry } from './audit-log';
import { CYCLE_CHANGED_CHANNEL } from '../db/cycle-changes';
import { insertRows } from '../db/insert-rows';
import { assessmentStepFiles, cycleStepFiles, withFiles } from './used-files';
import { enqueueCycleMails } from './mail-outbox';
import { projectRoundDelta, projectRoundState, type RoundDeltaProjection, type RoundProjection } from './round-projection';

/** The shape scheduled by workflows from before deltas (queued tasks and retries may still bring it). */
export interface CycleProjection {
  state: CycleState;
  event: ProjectedEvent;
}

/** What the cycle workflow ships now: the event and the parts of the view it changed (src/shared/view-delta.ts). */
export interface CycleDeltaProjection {
  cycleId: string;
  delta: ViewDelta;
  event: ProjectedEvent;
}

/** A batch of the cycle's recorded events, each with the delta from the one before (patch projection-batch). */
export interface CycleStepsProjection {
  cycleId: string;
  steps: ProjectedStep[];
}

export interface AssessmentProjection {
  state: AssessmentState;
  event: ProjectedEvent;
}

async function insertEvent(m: EntityManager, event: TimelineEvent): Promise<void> {
  await m.query(
    `INSERT INTO cycle_events (id, cycle_id, occurred_at, phase, type, actor_user_id, actor_role, actor_unit_code, summary_vi, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO NOTHING`,
    [
      event.id,
      event.cycleId,
      event.occurredAt,
      event.phase,
      event.type,
      event.actor?.userId ?? null,
      event.actor?.role ?? null,
      event.actor?.unitCode ?? null,
      event.summaryVi.normalize('NFC'),
      event.data ? JSON.stringify(event.data) : null,
    ],
  );
}

/**
 * Writes a cycle snapshot into the read model in one transaction. Projections may arrive out of order
 * (two updates in flight) or twice (activity retry): only a snapshot newer than the stored one is applied.
 */
async function projectCycleState(
  m: EntityManager,
  state: CycleState,
  delta?: ViewDelta,
  locked?: { state: CycleState | undefined },
): Promise<void> {
  /** Without a delta every row is rewritten; with one, only rows derived from the keys it changed. */
  const touched = delta && !delta.full ? touchedKeys(delta) : undefined;
  const changed = (...keys: (keyof CycleState)[]) => !touched || keys.some((k) => touched.has(k));
  const rows: { bloc_id: string }[] = await m.query(`SELECT id AS bloc_id FROM blocs WHERE province_code = $1 AND code = $2`, [
    state.provinceCode,
    state.blocCode,
  ]);
  const blocId = rows[0]?.bloc_id;
  if (!blocId) throw new Error(`bloc ${state.provinceCode}/${state.blocCode} is not in the database`);

  // The version stored before this one: the cycle's mails are what changed between the two (LIVE cycles only).
  // A delta's projection read it under the row lock already.
  const before: { state: CycleState }[] =
    state.mode === 'RECORD'
      ? []
      : locked
        ? locked.state
          ? [{ state: locked.state }]
          : []
        : await m.query(`SELECT state FROM cycles WHERE id = $1 FOR UPDATE`, [state.cycleId]);
  const completed = state.phase === Phase.COMPLETED;
  const applied: unknown[] = await m.query(
    `INSERT INTO cycles (id, province_code, bloc_id, bloc_code, year, phase, status, version, leader_unit_code, deputy_unit_code,
                         rules_version, state, started_at, updated_at, completed_at, mode)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), now(), $13, $14)
     ON CONFLICT (id) DO UPDATE SET phase = EXCLUDED.phase, status = EXCLUDED.status, version = EXCLUDED.version,
       state = EXCLUDED.state, updated_at = now(), completed_at = EXCLUDED.completed_at
     WHERE cycles.version < EXCLUDED.version
     RETURNING id, pg_notify('${CYCLE_CHANGED_CHANNEL}', id)`,
    [
      state.cycleId,
      state.provinceCode,
      blocId,
      state.blocCode,
      state.year,
      state.phase,
      completed ? 'COMPLETED' : 'ACTIVE',
      state.version,
      state.leaderUnit,
      state.deputyUnit,
      state.rulesVersion,
      JSON.stringify(state),
      state.completedAt ?? null,
      state.mode ?? 'LIVE',
    ],
  );
  if (applied.length === 0) return;
  await enqueueCycleMails(m, before[0]?.state, state);

  const latePledge = new Set(state.lateUnits[Phase.PLEDGE] ?? []);
  // A pledge signed changes that unit's row only; a late list or a membership change, every unit's.
  const signed = new Set([...Object.keys(delta?.merge.pledges ?? {}), ...(delta?.unsetSub.pledges ?? [])]);
  const unitRows =
    !touched || changed('units', 'lateUnits') || 'pledges' in (delta?.set ?? {}) || delta?.unset.includes('pledges')
      ? state.units
      : state.units.filter((u) => signed.has(u.code));
  await insertRows(
    m,
    `INSERT INTO cycle_units (cycle_id, unit_code, unit_name, pledge_signed_at, pledge_late)`,
    `ON CONFLICT (cycle_id, unit_code) DO UPDATE SET pledge_signed_at = EXCLUDED.pledge_signed_at, pledge_late = EXCLUDED.pledge_late`,
    unitRows.map((unit) => [
      state.cycleId,
      unit.code,
      unit.name,
      state.pledges[unit.code]?.signedAt ?? null,
      latePledge.has(unit.code),
    ]),
  );

  // A later snapshot only ever adds a stage, so each column follows the nominee: the version that decided it (the
  // decision's, else the council's, else the cycle's) and the latest reason given against it.
  await insertRows(
    m,
    `INSERT INTO nominations (id, cycle_id, nominee_id, province_code, year, unit_code, award, status, ballot_votes, council_votes,
                              decision_number, decision_date, rules_version, bloc_code, reason, updated_at)`,
    `ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, bloc_code = EXCLUDED.bloc_code, council_votes = EXCLUDED.council_votes,
       decision_number = EXCLUDED.decision_number, decision_date = EXCLUDED.decision_date,
       rules_version = EXCLUDED.rules_version, reason = coalesce(EXCLUDED.reason, nominations.reason), updated_at = now()`,
    (changed('nominees', 'rulesVersion') ? state.nominees : []).map((n) => [
      `${state.cycleId}:${n.id}`,
      state.cycleId,
      n.id,
      state.provinceCode,
      state.year,
      n.unitCode,
      n.award,
      n.status,
      n.ballotVotes,
      n.council?.votesFor ?? null,
      n.decision?.number ?? null,
      n.decision?.date ?? null,
      n.decision?.rulesVersion ?? n.council?.rulesVersion ?? state.rulesVersion,
      state.blocCode,
      latestReason(n),
    ]),
    { now: true },
  );

  if (state.nextLeader && state.nextDeputy && changed('nextLeader', 'nextDeputy', 'completedAt', 'phase')) {
    await m.query(
      `INSERT INTO bloc_leaderships (bloc_id, year, leader_unit_code, deputy_unit_code, source, elected_in_cycle_id, handed_over_at)
       VALUES ($1, $2, $3, $4, 'ELECTED', $5, $6)
       ON CONFLICT (bloc_id, year) DO UPDATE SET leader_unit_code = EXCLUDED.leader_unit_code,
         deputy_unit_code = EXCLUDED.deputy_unit_code, source = EXCLUDED.source,
         elected_in_cycle_id = EXCLUDED.elected_in_cycle_id, handed_over_at = EXCLUDED.handed_over_at`,
      [blocId, state.year + 1, state.nextLeader, state.nextDeputy, state.cycleId, completed ? state.completedAt : null],
    );
  }

  // Council score adjustments: a fourth sheet beside the self, leader-review and cross sheets, insert-only.
  for (const adjustment of changed('council') ? (state.council?.scoreAdjustments ?? []) : []) {
    const round = state.assessments[adjustment.unitCode]?.rounds ?? 1;
    for (const score of adjustment.scores) {
      await m.query(
        `INSERT INTO assessment_scores (cycle_id, unit_code, round, score_phase, criterion_code, points, evidence_refs, submitted_by, submitted_at)
         VALUES ($1, $2, $3, 'COUNCIL_ADJUST', $4, $5, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT uq_assessment_scores DO NOTHING`,
        [
          state.cycleId,
          adjustment.unitCode,
          round,
          score.criterionCode,
          score.points,
          JSON.stringify(score.evidenceRefs),
          state.council?.recordedBy ?? 'council',
          state.council?.sessionDate ?? new Date().toISOString(),
        ],
      );
    }
  }

  if (completed && changed('phase', 'nominees')) {
    for (const n of state.nominees.filter((x) => x.status === NomineeStatus.APPROVED && x.decision)) {
      const decision = n.decision as NonNullable<typeof n.decision>;
      await m.query(
        `INSERT INTO award_history (unit_code, year, award, award_name, decision_number, decision_date, cycle_id, rules_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ON CONSTRAINT uq_award_history DO NOTHING`,
        [
          n.unitCode,
          state.year,
          n.award,
          n.awardName ?? n.award,
          decision.number,
          decision.date,
          state.cycleId,
          decision.rulesVersion,
        ],
      );
    }
  }
}

/** The sheets of one round, one per phase that has scored it; rows are only ever added, never updated. */
function roundSheets(
  round: AssessmentRound,
): { phase: ScorePhase; scorerUnit: string; scores: CriterionScore[]; by: string; at: string }[] {
  return [
    { phase: 'SELF', scorerUnit: '', scores: round.scores, by: round.submittedBy, at: round.submittedAt },
    ...(round.verified ? [{ phase: 'LEADER_REVIEW' as const, scorerUnit: '', ...round.verified }] : []),
    ...(round.cross ?? []).map((c) => ({ phase: 'CROSS' as const, ...c })),
  ];
}

async function projectAssessmentState(m: EntityManager, state: AssessmentState): Promise<void> {
  const latest = state.rounds[state.rounds.length - 1];
  const accepted = state.status === 'ACCEPTED' && latest ? (latest.verified?.total ?? latest.total) : null;
  const applied: unknown[] = await m.query(
    `UPDATE cycle_units SET assessment_status = $3, assessment_late = $4, assessment_rounds = $5, verified_total = $6,
            assessment_version = $7, assessment_view = $8
     WHERE cycle_id = $1 AND unit_code = $2 AND assessment_version < $7
     RETURNING unit_code, pg_notify('${CYCLE_CHANGED_CHANNEL}', cycle_id)`,
    [state.cycleId, state.unitCode, state.status, state.late, state.rounds.length, accepted, state.version, state],
  );
  if (applied.length === 0) return;
  await insertRows(
    m,
    `INSERT INTO assessment_scores (cycle_id, unit_code, round, score_phase, scorer_unit, criterion_code, points, evidence_refs, submitted_by, submitted_at, reason)`,
    `ON CONFLICT ON CONSTRAINT uq_assessment_scores DO NOTHING`,
    state.rounds.flatMap((round) =>
      roundSheets(round).flatMap((sheet) =>
        sheet.scores.map((score) => [
          state.cycleId,
          state.unitCode,
          round.round,
          sheet.phase,
          sheet.scorerUnit,
          score.criterionCode,
          score.points,
          JSON.stringify(score.evidenceRefs),
          sheet.by,
          sheet.at,
          score.reason?.trim() ? score.reason : null,
        ]),
      ),
    ),
  );
}

/** The stored view and its version, the cycle's row locked: a delta is applied to it (it must exist). */
async function lockedView(m: EntityManager, cycleId: string): Promise<{ stored: CycleState | undefined; storedVersion: number }> {
  const rows: { version: number; state: CycleState }[] = await m.query(
    `SELECT version, state FROM cycles WHERE id = $1 FOR UPDATE`,
    [cycleId],
  );
  if (!rows[0]) throw new Error(`cycle ${cycleId} is not in the read model: a delta needs its earlier version`);
  return { stored: rows[0].state, storedVersion: rows[0].version };
}

/**
 * A delta brings the stored view (at any version from the last one the workflow knew written) up to its version; the
 * row lock orders it against a concurrent projection of the same cycle. Under a newer stored version only the timeline
 * entry is written (its sentence from the newer view overlaid with the delta, the closest view known).
 */
async function projectCycleDelta(dataSource: DataSource, input: CycleDeltaProjection): Promise<void> {
  const { delta } = input;
  await dataSource.transaction(async (m) => {
    const { stored, storedVersion } = delta.full ? { stored: undefined, storedVersion: 0 } : await lockedView(m, input.cycleId);
    const view = applyViewDelta(stored ?? ({} as CycleState), delta);
    if (delta.full || storedVersion < delta.version) {
      await projectCycleState(m, view, delta, delta.full ? undefined : { state: stored });
      await m.query(
        `INSERT INTO cycle_snapshots (cycle_id, version, occurred_at, state) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [input.cycleId, delta.version, input.event.occurredAt, JSON.stringify(view)],
      );
    }
    // The files the step used are read from the view it produced, as in the whole-state path.
    const event: TimelineEvent = {
      ...withFiles(input.event, cycleStepFiles(input.event, view)),
      summaryVi: input.event.summaryVi ?? renderCycleEvent(input.event, view),
    };
    await insertEvent(m, event);
    await appendAuditEntry(m, event);
  });
}

/**
 * A batch of the cycle's recorded events (patch projection-batch), in one transaction: each event's delta applied in
 * order from the stored view, each event's sentence and files read from the view it produced, every version's
 * snapshot written, and the rows written once from the last view, for the keys any step of the batch touched.
 * A retry after a commit finds the stored version at the batch's last and writes only what is idempotent.
 */
async function projectCycleSteps(dataSource: DataSource, input: CycleStepsProjection): Promise<void> {
  if (input.steps.length === 0) return;
  await dataSource.transaction(async (m) => {
    const { stored, storedVersion } = input.steps[0].delta.full
      ? { stored: undefined, storedVersion: 0 }
      : await lockedView(m, input.cycleId);
    let view = stored ?? ({} as CycleState);
    const fresh: { delta: ViewDelta; view: CycleState; occurredAt: string }[] = [];
    const events: TimelineEvent[] = [];
    for (const { delta, event } of input.steps) {
      view = applyViewDelta(view, delta);
      if (delta.full || storedVersion < delta.version) fresh.push({ delta, view, occurredAt: event.occurredAt });
      events.push({
        ...withFiles(event, cycleStepFiles(event, view)),
        summaryVi: event.summaryVi ?? renderCycleEvent(event, view),
      });
    }
    const last = fresh[fresh.length - 1];
    if (last) {
      const full = fresh.some((f) => f.delta.full);
      await projectCycleState(
        m,
        last.view,
        full ? undefined : touchedBy(fresh.map((f) => f.delta)),
        full ? undefined : { state: stored },
      );
      await insertRows(
        m,
        `INSERT INTO cycle_snapshots (cycle_id, version, occurred_at, state)`,
        `ON CONFLICT DO NOTHING`,
        fresh.map((f) => [input.cycleId, f.delta.version, f.occurredAt, JSON.stringify(f.view)]),
      );
    }
    for (const event of events) await insertEvent(m, event);
    await appendAuditEntries(m, events);
  });
}

/** Activities get their DataSource by injection, so tests and the worker share one construction path. */
export function createProjectionActivities(dataSource: DataSource) {
  return {
    /** The cycle's recorded events in batches (patch projection-batch). */
    async projectCycleSteps(input: CycleStepsProjection): Promise<void> {
      return projectCycleSteps(dataSource, input);
    },
    async projectCycle(input: CycleProjection | CycleDeltaProjection): Promise<void> {
      if ('delta' in input) return projectCycleDelta(dataSource, input);
      const event: TimelineEvent = {
        ...withFiles(input.event, cycleStepFiles(input.event, input.state)),
        summaryVi: input.event.summaryVi ?? renderCycleEvent(input.event, input.state),
      };
      await dataSource.transaction(async (m) => {
        await projectCycleState(m, input.state);
        await m.query(
          `INSERT INTO cycle_snapshots (cycle_id, version, occurred_at, state) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [input.state.cycleId, input.state.version, event.occurredAt, JSON.stringify(input.state)],
        );
        await insertEvent(m, event);
        await appendAuditEntry(m, event);
      });
    },
    /** One step of a province round: its snapshot, its timeline entries and its nominations rows, in one transaction. */
    async projectRound(input: RoundProjection): Promise<void> {
      await dataSource.transaction((m) => projectRoundState(m, input));
    },
    /** The same, with the items the step changed only (patch `round-projection-delta`). */
    async projectRoundDelta(input: RoundDeltaProjection): Promise<void> {
      await dataSource.transaction((m) => projectRoundDelta(m, input));
    },
    async projectAssessment(input: AssessmentProjection): Promise<void> {
      const event: TimelineEvent = {
        ...withFiles(input.event, assessmentStepFiles(input.event, input.state)),
        summaryVi: input.event.summaryVi ?? renderAssessmentEvent(input.event, input.state),
      };
      await dataSource.transaction(async (m) => {
        await projectAssessmentState(m, input.state);
        await insertEvent(m, event);
        await appendAuditEntry(m, event);
      });
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
