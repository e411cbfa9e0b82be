import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { checkProvince } from '../../domain/authorization';
import { readScopeOf } from '../../domain/read-scope';
import { ruleSetAt } from '../../domain/rule-selection';
import { councilGroups, type AwardGroup } from '../../domain/round/council';
import type { CouncilMemberRef, CouncilRole, IncomingItem, RoundCommands, RoundView } from '../../domain/round/types';
import { vietnamDate } from '../../domain/working-days';
import { Role, type Actor } from '../../shared/actors';
import { sealFor, startSealName } from '../../shared/command-seal';
import { NomineeStatus, type CycleState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { handToRoundUpdate } from '../../shared/messages';
import { parseRoundId, roundStateQuery, roundUpdates, roundWorkflowId, type RoundStepAnswer } from '../../shared/round-messages';
import { PHASE_SA, PROVINCE_SA, YEAR_SA } from '../../shared/search-attributes';
import { provinceRoundWorkflow } from '../../workflows';
import { executeUpdateWithin } from '../common/bounded-update';
import { DomainException } from '../common/domain.exception';
import { governmentFlagQuota } from '../common/government-flag-quota';
import { CyclesService } from '../cycles/cycles.service';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type {
  AddCouncilMemberDto,
  CouncilMemberFilterDto,
  OpenRoundDto,
  OpenSessionDto,
  ProposeDirectBatchDto,
  ProposeDirectDto,
  RoundDecisionDto,
  RoundFilterDto,
} from './dto/round.dto';

type Updates = typeof roundUpdates;
type CommandOf<K extends keyof Updates> = RoundCommands[K];

const roundNotFound = (id: string) => new DomainException(ErrorCode.ROUND_NOT_FOUND, `no round ${id}`);

interface CouncilMemberRow {
  id: string;
  province_code: string;
  user_id: string | null;
  name: string;
  title: string | null;
  council_role: string;
  valid_from: string;
  valid_to: string | null;
}

const toMember = (r: CouncilMemberRow) => ({
  id: r.id,
  provinceCode: r.province_code,
  userId: r.user_id,
  name: r.name,
  title: r.title,
  councilRole: r.council_role,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

/**
 * The province round's routes: reads from PostgreSQL (scoped like the cycles': the province's board, council and
 * chairman, or system-wide readers), steps sent to the round's workflow as sealed updates whose validators decide.
 * What only PostgreSQL knows (a cycle or unit exists and belongs to the province, the council's members in office on
 * the session's date, the Cờ CP quota) is read here and refused before anything reaches the workflow.
 */
@Injectable()
export class RoundsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
  ) {}

  private requireBoard(actor: Actor, provinceCode: string, ...roles: Role[]): void {
    if (!roles.includes(actor.role)) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, `role ${actor.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    const scope = checkProvince(actor, provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
  }

  async open(actor: Actor, dto: OpenRoundDto): Promise<RoundView> {
    this.requireBoard(actor, dto.provinceCode, Role.ADMIN, Role.BOARD_HEAD);
    const provinces: unknown[] = await this.dataSource.query(`SELECT 1 FROM provinces WHERE code = $1`, [dto.provinceCode]);
    if (provinces.length === 0) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${dto.provinceCode}`);
    for (const [award, target] of Object.entries(dto.targets ?? {})) {
      if (
        !['CO_THI_DUA_TINH', 'BANG_KHEN_CHU_TICH', 'CO_THI_DUA_CHINH_PHU'].includes(award) ||
        !Number.isInteger(target) ||
        target < 0
      )
        throw new DomainException(ErrorCode.VALIDATION_FAILED, `targets.${award}: an award with a whole count ≥ 0`);
    }
    const n = dto.n ?? 1;
    const roundId = roundWorkflowId(dto.provinceCode, dto.year, n);
    const existing: unknown[] = await this.dataSource.query(`SELECT 1 FROM rounds WHERE id = $1`, [roundId]);
    if (existing.length > 0) throw new DomainException(ErrorCode.ROUND_ALREADY_EXISTS, `round ${roundId} exists`);
    const ruleSets = await this.cycles.ruleSets(dto.provinceCode);
    if (!ruleSetAt(ruleSets, vietnamDate(new Date())) && ruleSets.length === 0)
      throw new DomainException(ErrorCode.NO_RULE_SET_IN_FORCE, `province ${dto.provinceCode} has no rule set`);
    const unsealed = {
      roundId,
      provinceCode: dto.provinceCode,
      year: dto.year,
      n,
      title: dto.title,
      openedBy: actor,
      ruleSets,
      targets: dto.targets,
    };
    const handle = await this.client.workflow.start(provinceRoundWorkflow, {
      workflowId: roundId,
      taskQueue: this.config.temporal.taskQueue,
      args: [{ ...unsealed, seal: sealFor(roundId, startSealName(provinceRoundWorkflow.name), Date.now()) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: [
        { key: PROVINCE_SA, value: dto.provinceCode },
        { key: YEAR_SA, value: dto.year },
        { key: PHASE_SA, value: 'ROUND' },
      ],
    });
    await handle.query(roundStateQuery);
    await this.awaitReadModel(roundId);
    await this.gather(actor, roundId);
    return handle.query(roundStateQuery);
  }

  /**
   * Opening a round gathers the cycles of the province and year that already sit in appraisal with nothing appraised:
   * each is asked to hand over (its validator refuses those the board began to appraise, which keep working as before).
   */
  private async gather(actor: Actor, roundId: string): Promise<void> {
    const round = this.parse(actor, roundId);
    const cycles: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM cycles WHERE province_code = $1 AND year = $2 AND phase = 'APPRAISAL' AND status = 'ACTIVE' AND mode = 'LIVE' ORDER BY id`,
      [round.provinceCode, round.year],
    );
    for (const cycle of cycles) {
      // A cycle that refuses (already appraising, closed meanwhile) stays as it is; the board may gather it later.
      await this.handOverCycle(actor, roundId, cycle.id).catch(() => undefined);
    }
  }

  private async awaitReadModel(roundId: string, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM rounds WHERE id = $1`, [roundId]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async list(actor: Actor, filter: RoundFilterDto) {
    const scope = readScopeOf(actor);
    if (scope.kind === 'UNIT' || scope.kind === 'NONE') return [];
    const province = scope.kind === 'PROVINCE' ? scope.provinceCode : filter.provinceCode;
    if (scope.kind === 'PROVINCE' && filter.provinceCode && filter.provinceCode !== scope.provinceCode) return [];
    const rows: { id: string; province_code: string; year: number; n: number; status: string; items: number; opened_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, province_code, year, n, status, jsonb_array_length(state->'items')::int AS items, opened_at FROM rounds
         WHERE ($1::text IS NULL OR province_code = $1) AND ($2::int IS NULL OR year = $2) ORDER BY province_code, year, n`,
        [province ?? null, filter.year ?? null],
      );
    return rows.map((r) => ({
      roundId: r.id,
      provinceCode: r.province_code,
      year: r.year,
      n: r.n,
      status: r.status,
      items: r.items,
      openedAt: new Date(r.opened_at).toISOString(),
    }));
  }

  /** The round as the read model keeps it, if the reader's scope reaches it; otherwise answered as missing. */
  async requireRound(actor: Actor, roundId: string): Promise<RoundView> {
    const parsed = parseRoundId(roundId);
    if (!parsed) throw roundNotFound(roundId);
    const scope = readScopeOf(actor);
    const visible = scope.kind === 'SYSTEM' || (scope.kind === 'PROVINCE' && scope.provinceCode === parsed.provinceCode);
    if (!visible) throw roundNotFound(roundId);
    const rows: { state: RoundView }[] = await this.dataSource.query(`SELECT state FROM rounds WHERE id = $1`, [roundId]);
    if (!rows[0]) throw roundNotFound(roundId);
    return rows[0].state;
  }

  async detail(actor: Actor, roundId: string): Promise<RoundView & { groups: AwardGroup[] }> {
    const state = await this.requireRound(actor, roundId);
    return { ...state, groups: councilGroups(state) };
  }

  async minutes(actor: Actor, roundId: string, sessionId: string) {
    const state = await this.requireRound(actor, roundId);
    const session = state.sessions.find((s) => s.id === sessionId);
    if (!session) throw new DomainException(ErrorCode.SESSION_NOT_FOUND, `no session ${sessionId} in ${roundId}`);
    return {
      roundId,
      sessionId,
      sessionDate: session.sessionDate,
      status: session.status,
      rulesVersion: session.rulesVersion,
      quorum: session.quorum,
      ...(session.adjournReason ? { adjournReason: session.adjournReason } : {}),
      attendance: session.members.map((m) => ({
        ...m,
        presence: session.present.includes(m.memberId)
          ? 'PRESENT'
          : session.writtenVotes.includes(m.memberId)
            ? 'WRITTEN_VOTE'
            : 'ABSENT',
      })),
      votes: session.votes.map((v) => {
        const item = state.items.find((i) => i.id === v.itemId);
        return {
          ...v,
          unitCode: item?.unitCode,
          unitName: item?.unitName,
          award: item?.award,
          blocCode: item?.blocCode,
          proposer: item?.proposer,
        };
      }),
    };
  }

  async events(actor: Actor, roundId: string) {
    await this.requireRound(actor, roundId);
    const rows: { id: string; occurred_at: Date; type: string; actor_user_id: string | null; summary_vi: string }[] =
      await this.dataSource.query(
        `SELECT id, occurred_at, type, actor_user_id, summary_vi FROM round_events WHERE round_id = $1 ORDER BY occurred_at, id`,
        [roundId],
      );
    return rows.map((r) => ({
      id: r.id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      type: r.type,
      actorUserId: r.actor_user_id,
      summaryVi: r.summary_vi,
    }));
  }

  /** A bloc's cycle hands its nominees in appraisal to the round (the board's gather, one cycle at a time). */
  async handOverCycle(actor: Actor, roundId: string, cycleId: string, requestId?: string): Promise<RoundView> {
    const round = this.parse(actor, roundId);
    const rows: { province_code: string; year: number; bloc_code: string; state: CycleState }[] = await this.dataSource.query(
      `SELECT province_code, year, bloc_code, state FROM cycles WHERE id = $1`,
      [cycleId],
    );
    const cycle = rows[0];
    if (!cycle) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `no cycle ${cycleId}`);
    if (cycle.province_code !== round.provinceCode)
      throw new DomainException(
        ErrorCode.ITEM_WRONG_PROVINCE,
        `${cycleId} is of province ${cycle.province_code}, not ${round.provinceCode}`,
      );
    if (cycle.year !== round.year)
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        `${cycleId} is of ${cycle.year}; round ${roundId} is of ${round.year}`,
      );
    const open: unknown[] = await this.dataSource.query(`SELECT 1 FROM rounds WHERE id = $1 AND status = 'OPEN'`, [roundId]);
    if (open.length === 0) throw new DomainException(ErrorCode.WRONG_STATE, `round ${roundId} is not open`);
    // The cycle hands over first (its validator refuses a dossier not accepted or already appraised), then the round
    // takes the nominees; a cycle that already names this round (a retry, or it handed over by itself) only sends them.
    const state =
      cycle.state.round?.roundId === roundId
        ? cycle.state
        : await this.cycles.step(this.cycles.cycleHandle(cycleId), handToRoundUpdate, { actor, roundId }, requestId);
    const nominees = state.nominees.filter((n) => n.status === NomineeStatus.IN_APPRAISAL);
    if (nominees.length === 0)
      throw new DomainException(
        ErrorCode.WRONG_STATE,
        `${cycleId} has no nominee in appraisal (dossier not accepted, or already appraised)`,
      );
    const units = new Map(state.units.map((u) => [u.code, u.name]));
    const items: IncomingItem[] = nominees.map((n) => ({
      cycleId,
      nomineeId: n.id,
      provinceCode: cycle.province_code,
      blocCode: cycle.bloc_code,
      unitCode: n.unitCode,
      unitName: units.get(n.unitCode),
      award: n.award,
      awardName: n.awardName,
      ballotVotes: n.ballotVotes,
    }));
    return this.execute(roundId, 'addItems', { actor, items }, requestId);
  }

  async proposeDirect(actor: Actor, roundId: string, dto: ProposeDirectDto, requestId?: string): Promise<RoundView> {
    const round = this.parse(actor, roundId);
    const units: { province_code: string; name: string }[] = await this.dataSource.query(
      `SELECT province_code, name FROM units WHERE code = $1`,
      [dto.unitCode],
    );
    const unit = units[0];
    if (!unit) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${dto.unitCode}`);
    if (unit.province_code !== round.provinceCode)
      throw new DomainException(
        ErrorCode.ITEM_WRONG_PROVINCE,
        `${dto.unitCode} is of province ${unit.province_code}, not ${round.provinceCode}`,
      );
    return this.execute(
      roundId,
      'proposeDirect',
      { actor, ...dto, provinceCode: unit.province_code, unitName: unit.name },
      requestId,
    );
  }

  /** Many direct proposals in one step: every unit read here at once, each refused as a single proposal would be. */
  async proposeDirectBatch(actor: Actor, roundId: string, dto: ProposeDirectBatchDto, requestId?: string): Promise<RoundView> {
    const round = this.parse(actor, roundId);
    const codes = [...new Set(dto.proposals.map((p) => p.unitCode))];
    const rows: { code: string; province_code: string; name: string }[] = await this.dataSource.query(
      `SELECT code, province_code, name FROM units WHERE code = ANY($1)`,
      [codes],
    );
    const units = new Map(rows.map((r) => [r.code, r]));
    const proposals = dto.proposals.map((p) => {
      const unit = units.get(p.unitCode);
      if (!unit) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${p.unitCode}`);
      if (unit.province_code !== round.provinceCode)
        throw new DomainException(
          ErrorCode.ITEM_WRONG_PROVINCE,
          `${p.unitCode} is of province ${unit.province_code}, not ${round.provinceCode}`,
        );
      return { proposer: p.proposer, unitCode: p.unitCode, unitName: unit.name, award: p.award, note: p.note };
    });
    return this.execute(roundId, 'proposeDirectBatch', { actor, provinceCode: round.provinceCode, proposals }, requestId);
  }

  /** The council's members in office on the session's date make its roll; attendance is recorded against them once. */
  async openSession(actor: Actor, roundId: string, dto: OpenSessionDto, requestId?: string): Promise<RoundView> {
    const round = this.parse(actor, roundId);
    const rows: CouncilMemberRow[] = await this.dataSource.query(
      `SELECT id, province_code, user_id, name, title, council_role, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(valid_to, 'YYYY-MM-DD') AS valid_to
       FROM council_members WHERE province_code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
       ORDER BY council_role, name`,
      [round.provinceCode, dto.sessionDate],
    );
    if (rows.length === 0)
      throw new DomainException(
        ErrorCode.COUNCIL_MEMBERSHIP_NOT_FOUND,
        `the council of ${round.provinceCode} has no member on ${dto.sessionDate}`,
      );
    const members: CouncilMemberRef[] = rows.map((r) => ({
      memberId: r.user_id ?? r.id,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      councilRole: r.council_role as CouncilRole,
    }));
    return this.execute(roundId, 'openSession', { actor, ...dto, members }, requestId);
  }

  /** The chairman's decision, with the Cờ CP quota counted over the province's nominations of the year. */
  async decide(actor: Actor, roundId: string, dto: RoundDecisionDto, requestId?: string): Promise<RoundView> {
    const round = this.parse(actor, roundId);
    const set = ruleSetAt(await this.cycles.ruleSets(round.provinceCode), dto.decisionDate);
    const quota = await governmentFlagQuota(
      this.dataSource.manager,
      round.provinceCode,
      round.year,
      set?.rules.governmentFlagQuota,
    );
    return this.execute(roundId, 'decideRound', { actor, ...dto, ...(quota ? { governmentFlagQuota: quota } : {}) }, requestId);
  }

  private parse(actor: Actor, roundId: string) {
    const parsed = parseRoundId(roundId);
    if (!parsed) throw roundNotFound(roundId);
    const scope = checkProvince(actor, parsed.provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    return parsed;
  }

  /** One path for every step: province scope here, then the workflow's validator (seal, role, the step's checks). */
  async execute<K extends keyof Updates>(roundId: string, name: K, cmd: CommandOf<K>, requestId?: string): Promise<RoundView> {
    this.parse(cmd.actor, roundId);
    const known: unknown[] = await this.dataSource.query(`SELECT 1 FROM rounds WHERE id = $1`, [roundId]);
    if (known.length === 0) throw roundNotFound(roundId);
    const handle: WorkflowHandle = this.client.workflow.getHandle(roundId);
    const def = roundUpdates[name] as unknown as UpdateDefinition<RoundView | RoundStepAnswer, [CommandOf<K>]>;
    const id = requestId ?? randomUUID();
    const updateId = `${def.name}:${id}`;
    const sealed = { ...cmd, seal: sealFor(roundId, def.name, Date.now(), updateId) };
    let answer: RoundView | RoundStepAnswer;
    try {
      answer = await executeUpdateWithin(handle, def, [sealed], updateId, id, this.config.updateWaitSeconds);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw roundNotFound(roundId);
      throw err;
    }
    if ('items' in answer) return answer;
    // The step's projection completed before it answered: the stored view is at its version or a later one.
    const rows: { state: RoundView }[] = await this.dataSource.query(`SELECT state FROM rounds WHERE id = $1 AND version >= $2`, [
      roundId,
      answer.version,
    ]);
    if (!rows[0]) throw new Error(`round ${roundId}: no projection at version ${answer.version} after the step answered`);
    return rows[0].state;
  }

  // ---- The council's members (dated roles) ----

  async members(actor: Actor, filter: CouncilMemberFilterDto) {
    const scope = readScopeOf(actor);
    const visible = scope.kind === 'SYSTEM' || (scope.kind === 'PROVINCE' && scope.provinceCode === filter.provinceCode);
    if (!visible) return [];
    const rows: CouncilMemberRow[] = await this.dataSource.query(
      `SELECT id, province_code, user_id, name, title, council_role, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(valid_to, 'YYYY-MM-DD') AS valid_to
       FROM council_members WHERE province_code = $1 AND ($2::date IS NULL OR (valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)))
       ORDER BY valid_from, council_role, name`,
      [filter.provinceCode, filter.on ?? null],
    );
    return rows.map(toMember);
  }

  async addMember(actor: Actor, dto: AddCouncilMemberDto) {
    this.requireBoard(actor, dto.provinceCode, Role.ADMIN, Role.BOARD_HEAD);
    const provinces: unknown[] = await this.dataSource.query(`SELECT 1 FROM provinces WHERE code = $1`, [dto.provinceCode]);
    if (provinces.length === 0) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${dto.provinceCode}`);
    if (dto.councilRole === 'CHU_TICH' || dto.councilRole === 'THU_KY') {
      const holders: { name: string }[] = await this.dataSource.query(
        `SELECT name FROM council_members WHERE province_code = $1 AND council_role = $2 AND (valid_to IS NULL OR valid_to >= $3)`,
        [dto.provinceCode, dto.councilRole, dto.validFrom],
      );
      if (holders.length > 0)
        throw new DomainException(
          ErrorCode.VALIDATION_FAILED,
          `councilRole: ${holders[0].name} holds ${dto.councilRole} on ${dto.validFrom}; end that membership first`,
        );
    }
    if (dto.userId) {
      const same: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM council_members WHERE province_code = $1 AND user_id = $2 AND (valid_to IS NULL OR valid_to >= $3)`,
        [dto.provinceCode, dto.userId, dto.validFrom],
      );
      if (same.length > 0)
        throw new DomainException(ErrorCode.VALIDATION_FAILED, `userId: ${dto.userId} is already a member on ${dto.validFrom}`);
    }
    const rows: CouncilMemberRow[] = await this.dataSource.query(
      `INSERT INTO council_members (province_code, user_id, name, title, council_role, valid_from, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, province_code, user_id, name, title, council_role, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
                 to_char(valid_to, 'YYYY-MM-DD') AS valid_to`,
      [
        dto.provinceCode,
        dto.userId ?? null,
        dto.name.normalize('NFC'),
        dto.title?.normalize('NFC') ?? null,
        dto.councilRole,
        dto.validFrom,
        actor.userId,
      ],
    );
    return toMember(rows[0]);
  }

  async endMember(actor: Actor, id: string, validTo: string) {
    if (!/^[0-9a-f-]{36}$/.test(id))
      throw new DomainException(ErrorCode.COUNCIL_MEMBERSHIP_NOT_FOUND, `no council membership ${id}`);
    const rows: CouncilMemberRow[] = await this.dataSource.query(
      `SELECT id, province_code, user_id, name, title, council_role, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM council_members WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    const scope = row ? checkProvince(actor, row.province_code) : undefined;
    if (!row || !scope?.ok) throw new DomainException(ErrorCode.COUNCIL_MEMBERSHIP_NOT_FOUND, `no council membership ${id}`);
    this.requireBoard(actor, row.province_code, Role.ADMIN, Role.BOARD_HEAD);
    if (validTo < row.valid_from)
      throw new DomainException(ErrorCode.DATE_OUT_OF_ORDER, `validTo ${validTo} is before validFrom ${row.valid_from}`);
    if (row.valid_to !== null)
      throw new DomainException(ErrorCode.WRONG_STATE, `membership ${id} already ended on ${row.valid_to}`);
    const updated: CouncilMemberRow[] = await this.dataSource.query(
      `UPDATE council_members SET valid_to = $2 WHERE id = $1
       RETURNING id, province_code, user_id, name, title, council_role, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
                 to_char(valid_to, 'YYYY-MM-DD') AS valid_to`,
      [id, validTo],
    );
    return toMember(updated[0]);
  }
}
