import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cycleStepsFor, type CycleStep, type CycleStepFacts } from '../../domain/cycle-steps';
import { vietnamDate } from '../../domain/working-days';
import { Role, type Actor } from '../../shared/actors';
import { Phase, type AssessmentStatus, type CycleState } from '../../shared/cycle-types';

export interface CycleStepFilter {
  provinceCode?: string;
  blocCode?: string;
  cycleId?: string;
  phase?: string;
}

const BOARD_ROLES: readonly Role[] = [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.CHAIRMAN];
const UNIT_ROLES: readonly Role[] = [Role.UNIT_HEAD, Role.UNIT_FOCAL];

/**
 * The cycle steps waiting for an actor, across every running cycle they may act in: the board's roles see their
 * province's cycles, a unit's people the cycles their unit is a member of; the admin and the auditor take no
 * step. Read from PostgreSQL only (the cycles' projected state, cycle_units, the timeline, rule sets, roles): the
 * projection is written before each step answers, so the list agrees with what the workflows accept.
 */
@Injectable()
export class CycleStepsService {
  constructor(private readonly dataSource: DataSource) {}

  async stepsFor(actor: Actor, filter: CycleStepFilter = {}, now: Date = new Date()): Promise<CycleStep[]> {
    const board = BOARD_ROLES.includes(actor.role);
    const unit = UNIT_ROLES.includes(actor.role) ? actor.unitCode : undefined;
    if (board ? !actor.provinceCode : !unit) return [];

    const cycles: { id: string; state: CycleState }[] = await this.dataSource.query(
      `SELECT c.id, c.state FROM cycles c
       WHERE c.status = 'ACTIVE'
         AND ($1::varchar IS NULL OR c.province_code = $1)
         AND ($2::varchar IS NULL OR EXISTS (SELECT 1 FROM cycle_units cu WHERE cu.cycle_id = c.id AND cu.unit_code = $2))
         AND ($3::varchar IS NULL OR c.province_code = $3) AND ($4::varchar IS NULL OR c.bloc_code = $4)
         AND ($5::varchar IS NULL OR c.id = $5) AND ($6::varchar IS NULL OR c.phase = $6)
       ORDER BY c.id`,
      [
        actor.provinceCode ?? null,
        unit ?? null,
        filter.provinceCode ?? null,
        filter.blocCode ?? null,
        filter.cycleId ?? null,
        filter.phase ?? null,
      ],
    );
    if (cycles.length === 0) return [];

    const assessing = cycles.filter((c) => c.state.phase === Phase.SELF_ASSESSMENT).map((c) => c.id);
    const [progress, events, unitHasFocal] = await Promise.all([
      this.assessmentProgress(assessing),
      this.assessmentEvents(assessing),
      actor.role === Role.UNIT_HEAD && unit ? this.hasFocal(unit, now) : Promise.resolve(false),
    ]);

    const steps: CycleStep[] = [];
    for (const { id, state } of cycles) {
      const facts: CycleStepFacts = {
        assessments: progress.get(id),
        crossScored: events.crossScored.get(id),
        selfAssessmentCloseRequested: events.closeRequested.has(id),
        unitHasFocal,
        allowAbsentWrittenVote: await this.absentVoteAllowed(state, unit),
      };
      steps.push(...cycleStepsFor(state, actor, facts, now));
    }
    return steps;
  }

  /** Each unit's self-assessment as projected by its child workflow. */
  private async assessmentProgress(cycleIds: string[]): Promise<Map<string, NonNullable<CycleStepFacts['assessments']>>> {
    const result = new Map<string, NonNullable<CycleStepFacts['assessments']>>();
    if (cycleIds.length === 0) return result;
    const rows: { cycle_id: string; unit_code: string; assessment_status: AssessmentStatus | null; assessment_rounds: number }[] =
      await this.dataSource.query(
        `SELECT cycle_id, unit_code, assessment_status, assessment_rounds FROM cycle_units WHERE cycle_id = ANY($1::varchar[])`,
        [cycleIds],
      );
    for (const r of rows) {
      const units = result.get(r.cycle_id) ?? {};
      units[r.unit_code] = { status: r.assessment_status, rounds: r.assessment_rounds };
      result.set(r.cycle_id, units);
    }
    return result;
  }

  /** From the timeline: the cross-scoring sheets given, and a close of the self-assessment asked for. */
  private async assessmentEvents(cycleIds: string[]) {
    const crossScored = new Map<string, { scorerUnit: string; unitCode: string; round: number }[]>();
    const closeRequested = new Set<string>();
    if (cycleIds.length === 0) return { crossScored, closeRequested };
    const rows: { cycle_id: string; type: string; data: Record<string, unknown> | null }[] = await this.dataSource.query(
      `SELECT cycle_id, type, data FROM cycle_events
       WHERE cycle_id = ANY($1::varchar[]) AND type IN ('ASSESSMENT_CROSS_SCORED', 'SELF_ASSESSMENT_CLOSE_REQUESTED')`,
      [cycleIds],
    );
    for (const r of rows) {
      if (r.type === 'SELF_ASSESSMENT_CLOSE_REQUESTED') {
        closeRequested.add(r.cycle_id);
        continue;
      }
      const { scorerUnit, unitCode, round } = r.data ?? {};
      if (typeof scorerUnit !== 'string' || typeof unitCode !== 'string' || typeof round !== 'number') continue;
      crossScored.set(r.cycle_id, [...(crossScored.get(r.cycle_id) ?? []), { scorerUnit, unitCode, round }]);
    }
    return { crossScored, closeRequested };
  }

  /** Whether the unit has an enabled focal person holding the role now. */
  private async hasFocal(unitCode: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE r.role = $1 AND r.unit_code = $2 AND NOT u.disabled AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to > $3)
       LIMIT 1`,
      [Role.UNIT_FOCAL, unitCode, now],
    );
    return rows.length > 0;
  }

  /**
   * Only needed for a head whose unit was absent from a conference with an open ballot: whether the rule set in
   * force on the conference date counts written votes of absent members.
   */
  private async absentVoteAllowed(state: CycleState, unit: string | undefined): Promise<boolean> {
    const conference = state.conference;
    if (!unit || state.ballot?.status !== 'OPEN' || !conference || conference.present.includes(unit)) return false;
    const heldOn = conference.heldOn || vietnamDate(new Date());
    const rows: { allowed: boolean | null }[] = await this.dataSource.query(
      `SELECT (rules -> 'conference' ->> 'allowAbsentWrittenVote')::boolean AS allowed FROM rule_sets
       WHERE province_code = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [state.provinceCode, heldOn],
    );
    return rows[0]?.allowed === true;
  }
}
