import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy, type UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import {
  chainDefinitionProblems,
  checkInlineLevels,
  checkMayStart,
  decide,
  decideBulk,
  openTasks,
  PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
} from '../../domain/approval';
import { checkProvince } from '../../domain/authorization';
import { CIVIL_SERVICE_SCHEDULES } from '../../domain/calendar/schedules';
import type { CycleStep } from '../../domain/cycle-steps';
import { vietnamDate } from '../../domain/working-days';
import { Role, UNIT_ROLES, type Actor } from '../../shared/actors';
import {
  APPROVAL_EVENT_LABELS_VI,
  type ApprovalChainInput,
  type BulkItemResult,
  type ChainCommand,
  type ChainDefinition,
  type ChainEvent,
  type ChainState,
  type DecisionCommand,
  type OpenTask,
} from '../../shared/approval';
import { chainBulkUpdate, chainCommandUpdate, chainReassignUpdate, chainStateQuery } from '../../shared/approval-messages';
import { isApprovalChainId } from '../../shared/ids';
import { sealFor, startSealName } from '../../shared/command-seal';
import { ErrorCode } from '../../shared/errors';
import { approvalChainWorkflow } from '../../workflows/approval-chain.workflow';
import { executeUpdateWithin } from '../common/bounded-update';
import { pageOf, type Page } from '../common/page.dto';
import { DomainException } from '../common/domain.exception';
import { mapError } from '../common/error.filter';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { BulkDto, DecisionDto, InboxQueryDto, ReassignDto, StartChainDto } from './approvals.dto';
import { CycleStepsService } from './cycle-steps';

/**
 * Chains every province may use by code, each started only by the roles CHAIN_START_PERMISSIONS lists for it; the
 * admin and the head of the board may also give a definition as data (within their authority, see start-policy.ts).
 */
export const CHAIN_CATALOG: Record<string, ChainDefinition> = {
  [PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.code]: PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
};

/** Starts of approval chains a person may attempt in any minute (all API instances together). */
export const CHAIN_STARTS_PER_MINUTE = 20;

/** TOO_MANY_CHAIN_STARTS, with the seconds until the oldest counted start leaves the window (the Retry-After header). */
export class ChainStartsThrottled extends DomainException {
  constructor(
    readonly retryAfterSeconds: number,
    detail: string,
  ) {
    super(ErrorCode.TOO_MANY_CHAIN_STARTS, detail);
  }
}

/** Where a chain comes from: a cycle's own step, or one started on its own through the API (and by whom). */
export interface ChainOrigin {
  kind: 'CYCLE_STEP' | 'FREE_STANDING';
  startedBy: { userId: string; displayName?: string; unitCode?: string };
}

export const chainOrigin = (state: Pick<ChainState, 'chainId' | 'submittedBy'>): ChainOrigin => ({
  kind: state.chainId.startsWith('approval.') ? 'FREE_STANDING' : 'CYCLE_STEP',
  startedBy: { ...state.submittedBy },
});

export interface ChainView extends Omit<ChainState, 'log'> {
  status: 'IN_PROGRESS' | 'COMPLETE';
  tasks: OpenTask[];
  /** The timeline, each event with its Vietnamese label (APPROVAL_EVENT_LABELS_VI), so that no client keeps a copy. */
  log: (ChainEvent & { label: string })[];
}

/** A decision waiting at one level of an approval chain. */
export interface ApprovalInboxItem {
  id: string;
  kind: 'APPROVAL';
  action: 'APPROVAL_DECISION';
  title: string;
  provinceCode: string;
  blocCode?: string;
  cycleId?: string;
  phase?: string;
  chainId: string;
  levelCode: string;
  levelName: string;
  items: { itemId: string; title: string; status: string; round: number }[];
  actingFor?: { userId: string; displayName?: string };
  /** Who started the chain, and whether it is a cycle's step or free-standing: look-alikes stay distinguishable. */
  origin: ChainOrigin;
  dueAt?: string;
  overdue: boolean;
}

/** "Việc chờ xử lý": approval-chain decisions and the cycles' own steps (kind CYCLE_STEP, see domain/cycle-steps). */
export type InboxItem = ApprovalInboxItem | CycleStep;

export interface BulkAnswer {
  results: (BulkItemResult & { chainId: string; message?: string })[];
}

/**
 * The approval chains: started here, decided through their workflow's updates (the workflow checks who may act, in
 * which state, on what: four eyes and recusal included), read from PostgreSQL.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly cycleSteps: CycleStepsService,
  ) {}

  definitions(): ChainDefinition[] {
    return Object.values(CHAIN_CATALOG);
  }

  async start(actor: Actor, dto: StartChainDto): Promise<ChainView> {
    if (actor.role === Role.AUDITOR) throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'an auditor changes nothing');
    await this.countStart(actor);
    if ((dto.definitionCode === undefined) === (dto.definition === undefined)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'give exactly one of definitionCode and definition');
    }
    const definition = this.definitionOf(dto);
    const may = checkMayStart(actor, dto.definitionCode, dto.blocCode);
    if (!may.ok) throw new DomainException(may.code, may.detail);
    const scope = checkProvince(actor, dto.provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    if (dto.definition !== undefined) {
      const levels = checkInlineLevels(actor, definition, Object.keys(CHAIN_CATALOG));
      if (!levels.ok) throw new DomainException(levels.code, levels.detail);
    }
    const ids = new Set(dto.items.map((i) => i.itemId));
    if (ids.size !== dto.items.length) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'itemIds must be unique');
    const provinces: unknown[] = await this.dataSource.query(`SELECT 1 FROM provinces WHERE code = $1`, [dto.provinceCode]);
    if (provinces.length === 0) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${dto.provinceCode}`);
    await this.checkReferences(actor, dto);
    const chainId = `approval.${dto.provinceCode}.${randomUUID()}`;
    const names: { display_name: string }[] = await this.dataSource.query(`SELECT display_name FROM users WHERE username = $1`, [
      actor.userId,
    ]);
    const input: ApprovalChainInput = {
      chainId,
      definition,
      subject: {
        provinceCode: dto.provinceCode,
        title: dto.title,
        ...(dto.blocCode ? { blocCode: dto.blocCode } : {}),
        ...(dto.cycleId ? { cycleId: dto.cycleId } : {}),
      },
      submittedBy: {
        userId: actor.userId,
        ...(names[0] ? { displayName: names[0].display_name } : {}),
        ...(actor.unitCode ? { unitCode: actor.unitCode } : {}),
      },
      items: dto.items.map((i) => ({ ...i })),
      calendar: [...CIVIL_SERVICE_SCHEDULES],
      extraDaysOff: await this.extraDaysOff(dto.provinceCode),
    };
    await this.client.workflow.start(approvalChainWorkflow, {
      workflowId: chainId,
      taskQueue: this.config.temporal.taskQueue,
      args: [{ ...input, seal: sealFor(chainId, startSealName(approvalChainWorkflow.name), Date.now()) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return this.awaitProjected(chainId);
  }

  async list(actor: Actor, provinceCode?: string, page: Page = pageOf(undefined, 200)): Promise<ChainView[]> {
    const rows: { state: ChainState }[] = await this.dataSource.query(
      `SELECT state FROM approval_chains WHERE ($1::varchar IS NULL OR province_code = $1)
       ORDER BY created_at DESC, chain_id LIMIT $2 OFFSET $3`,
      [provinceCode ?? actor.provinceCode ?? null, page.limit, page.offset],
    );
    return rows.map((r) => view(r.state));
  }

  async get(chainId: string): Promise<ChainView> {
    const rows: { state: ChainState }[] = await this.dataSource.query(`SELECT state FROM approval_chains WHERE chain_id = $1`, [
      chainId,
    ]);
    if (!rows[0]) throw new DomainException(ErrorCode.APPROVAL_CHAIN_NOT_FOUND, `no approval chain ${chainId}`);
    return view(rows[0].state);
  }

  decide(actor: Actor, chainId: string, dto: DecisionDto, requestId?: string): Promise<ChainView> {
    return this.command(chainId, toDecision(actor, dto), requestId);
  }

  async command(chainId: string, command: ChainCommand, requestId?: string): Promise<ChainView> {
    try {
      return view(await this.execute(this.handle(chainId), chainCommandUpdate, command, requestId));
    } catch (error) {
      throw (await this.refusalOfCompleteChain(chainId, command, error)) ?? error;
    }
  }

  /** The projected state of a complete chain, when `error` says its workflow is closed; otherwise undefined. */
  private async completeChain(chainId: string, error: unknown): Promise<ChainState | undefined> {
    const { code } = mapError(error);
    if (code !== ErrorCode.APPROVAL_CHAIN_NOT_FOUND && code !== ErrorCode.WRONG_PHASE) return undefined;
    const rows: { state: ChainState }[] = await this.dataSource.query(`SELECT state FROM approval_chains WHERE chain_id = $1`, [
      chainId,
    ]);
    return rows[0]?.state.completedAt ? rows[0].state : undefined;
  }

  /**
   * A complete chain's workflow has closed and takes no more updates: the same engine answers from the projected state,
   * so a late decision still hears who settled the item (409 TASK_ALREADY_DECIDED) rather than "not found".
   */
  private async refusalOfCompleteChain(
    chainId: string,
    command: ChainCommand,
    error: unknown,
  ): Promise<DomainException | undefined> {
    const state = await this.completeChain(chainId, error);
    if (!state) return undefined;
    const scope = checkProvince(command.actor, state.subject.provinceCode);
    if (!scope.ok) return new DomainException(scope.code, scope.detail);
    const dry = decide(state, command, new Date().toISOString());
    if (!dry.ok) return new DomainException(dry.code, dry.detail, { messageVi: dry.messageVi, winner: dry.winner });
    return new DomainException(ErrorCode.WRONG_STATE, `approval chain ${chainId} is complete`);
  }

  async reassign(actor: Actor, chainId: string, dto: ReassignDto, requestId?: string): Promise<ChainView> {
    const users: { display_name: string; unit_code: string | null }[] = await this.dataSource.query(
      `SELECT u.display_name, (SELECT r.unit_code FROM role_assignments r WHERE r.user_id = u.id AND r.unit_code IS NOT NULL LIMIT 1) AS unit_code
       FROM users u WHERE u.username = $1 AND NOT u.disabled`,
      [dto.toUsername],
    );
    if (!users[0]) throw new DomainException(ErrorCode.USER_NOT_FOUND, `no active user ${dto.toUsername}`);
    const state = await this.execute(
      this.handle(chainId),
      chainReassignUpdate,
      {
        type: 'REASSIGN',
        actor,
        levelCode: dto.levelCode,
        ...(dto.fromUserId ? { fromUserId: dto.fromUserId } : {}),
        toUser: {
          userId: dto.toUsername,
          displayName: users[0].display_name,
          ...(users[0].unit_code ? { unitCode: users[0].unit_code } : {}),
        },
        reason: dto.reason,
        ...(dto.capacity ? { capacity: dto.capacity } : {}),
      },
      requestId,
    );
    return view(state);
  }

  /** One update per chain; every item gets its own result, and a failing chain never blocks the others. */
  async bulk(actor: Actor, dto: BulkDto, requestId?: string): Promise<BulkAnswer> {
    const byChain = new Map<string, { index: number; command: DecisionCommand }[]>();
    dto.decisions.forEach((d, index) => {
      const list = byChain.get(d.chainId) ?? [];
      list.push({ index, command: toDecision(actor, d) });
      byChain.set(d.chainId, list);
    });
    const results: BulkAnswer['results'] = [];
    for (const [chainId, entries] of byChain) {
      try {
        const answer = await this.execute(
          this.handle(chainId),
          chainBulkUpdate,
          { actor, commands: entries.map((e) => e.command) },
          requestId ? `${requestId}:${chainId}` : undefined,
        );
        for (const r of answer.results) {
          results.push({ ...r, chainId, commandIndex: entries[r.commandIndex].index });
        }
      } catch (error) {
        // A complete chain answers per item from its projection, as a single decision would.
        const complete = await this.completeChain(chainId, error);
        if (complete && checkProvince(actor, complete.subject.provinceCode).ok) {
          const dry = decideBulk(
            complete,
            entries.map((e) => e.command),
            new Date().toISOString(),
          );
          for (const r of dry.results) results.push({ ...r, chainId, commandIndex: entries[r.commandIndex].index });
          continue;
        }
        const { code, detail, messageVi } = mapError(error);
        for (const e of entries) {
          for (const itemId of e.command.itemIds) {
            results.push({
              chainId,
              commandIndex: e.index,
              itemId,
              ok: false,
              code,
              detail,
              ...(messageVi ? { message: messageVi } : {}),
            });
          }
        }
      }
    }
    return { results: results.sort((a, b) => a.commandIndex - b.commandIndex) };
  }

  /**
   * "Việc chờ xử lý": the user's open tasks across every cycle and province they may act in: the approval chains'
   * decisions (projected in the same transaction as the chains' state) and the cycles' own steps waiting for them
   * (derived from the cycles' read model), with the same filters, sorted by due date (undated last), then title.
   */
  async inbox(actor: Actor, query: InboxQueryDto): Promise<{ items: InboxItem[] }> {
    const now = new Date();
    const [approvals, steps] = await Promise.all([
      this.approvalTasks(actor, query, now),
      this.cycleSteps.stepsFor(actor, query, now),
    ]);
    const overdue = query.overdue === undefined ? undefined : query.overdue === 'true';
    const dueBefore = query.dueBefore;
    const wanted = steps.filter(
      (s) =>
        (overdue === undefined || s.overdue === overdue) &&
        (dueBefore === undefined || (s.dueAt !== undefined && vietnamDate(new Date(s.dueAt)) <= dueBefore)),
    );
    const due = (i: InboxItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
    const items: InboxItem[] = [...approvals, ...wanted].sort((a, b) => {
      const [da, db] = [due(a), due(b)];
      if (da !== db) return da < db ? -1 : 1;
      return a.title.localeCompare(b.title, 'vi');
    });
    return { items };
  }

  private async approvalTasks(actor: Actor, query: InboxQueryDto, now: Date): Promise<ApprovalInboxItem[]> {
    const rows: {
      chain_id: string;
      assignment_id: string;
      level_code: string;
      level_name: string;
      item_ids: string[];
      due_at: Date | null;
      province_code: string;
      bloc_code: string | null;
      cycle_id: string | null;
      title: string;
      acting_for_user_id: string | null;
      acting_for_name: string | null;
      round: number;
      state: ChainState;
      phase: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.*, c.state, cy.phase
       FROM approval_tasks t JOIN approval_chains c ON c.chain_id = t.chain_id
       LEFT JOIN cycles cy ON cy.id = t.cycle_id
       WHERE t.user_id = $1
         AND ($2::varchar IS NULL OR t.province_code = $2) AND ($3::varchar IS NULL OR t.bloc_code = $3)
         AND ($4::varchar IS NULL OR t.cycle_id = $4) AND ($5::varchar IS NULL OR cy.phase = $5)
         AND ($6::boolean IS NULL OR (t.due_at IS NOT NULL AND t.due_at < $8) = $6)
         AND ($7::date IS NULL OR (t.due_at IS NOT NULL AND (t.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $7::date))
       ORDER BY t.due_at NULLS LAST, t.chain_id, t.level_code`,
      [
        actor.userId,
        query.provinceCode ?? null,
        query.blocCode ?? null,
        query.cycleId ?? null,
        query.phase ?? null,
        query.overdue === undefined ? null : query.overdue === 'true',
        query.dueBefore ?? null,
        now,
      ],
    );
    return rows.map((r) => ({
      id: `${r.chain_id}/${r.assignment_id}`,
      kind: 'APPROVAL',
      action: 'APPROVAL_DECISION',
      title: r.title,
      provinceCode: r.province_code,
      ...(r.bloc_code ? { blocCode: r.bloc_code } : {}),
      ...(r.cycle_id ? { cycleId: r.cycle_id } : {}),
      ...(r.phase ? { phase: r.phase } : {}),
      chainId: r.chain_id,
      levelCode: r.level_code,
      levelName: r.level_name,
      items: r.item_ids.map((id) => {
        const item = r.state.items[id];
        return { itemId: id, title: item?.title ?? id, status: item?.status ?? 'PENDING', round: item?.round ?? r.round };
      }),
      ...(r.acting_for_user_id
        ? { actingFor: { userId: r.acting_for_user_id, displayName: r.acting_for_name ?? undefined } }
        : {}),
      origin: chainOrigin(r.state),
      ...(r.due_at ? { dueAt: r.due_at.toISOString() } : {}),
      overdue: r.due_at !== null && r.due_at.getTime() < now.getTime(),
    }));
  }

  async incidents(open: boolean, provinceCode?: string, page: Page = pageOf(undefined)) {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT i.chain_id AS "chainId", i.incident_id AS "incidentId", i.province_code AS "provinceCode", i.level_code AS "levelCode",
              i.reason, i.role, i.detail, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.resolution, c.title
       FROM approval_incidents i JOIN approval_chains c ON c.chain_id = i.chain_id
       WHERE ($1::boolean = false OR i.resolved_at IS NULL) AND ($2::varchar IS NULL OR i.province_code = $2)
       ORDER BY i.opened_at, i.incident_id LIMIT $3 OFFSET $4`,
      [open, provinceCode ?? null, page.limit, page.offset],
    );
    return rows;
  }

  /**
   * The per-user rate limit of chain starts, counted in PostgreSQL (so it holds across API instances) under a
   * per-user advisory lock; every attempt past the limit check counts, refused or not, so probing is bounded too.
   */
  private async countStart(actor: Actor): Promise<void> {
    const wait = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('approval-chain-start:' || $1))`, [actor.userId]);
      const [row]: { n: number; retry: number | null }[] = await m.query(
        `SELECT count(*)::int AS n, ceil(extract(epoch FROM min(at) + interval '1 minute' - now()))::int AS retry
         FROM approval_chain_starts WHERE user_id = $1 AND at > now() - interval '1 minute'`,
        [actor.userId],
      );
      if (row.n >= CHAIN_STARTS_PER_MINUTE) return Math.max(1, row.retry ?? 60);
      await m.query(`DELETE FROM approval_chain_starts WHERE user_id = $1 AND at < now() - interval '1 hour'`, [actor.userId]);
      await m.query(`INSERT INTO approval_chain_starts (user_id) VALUES ($1)`, [actor.userId]);
      return 0;
    });
    if (wait > 0) {
      throw new ChainStartsThrottled(wait, `more than ${CHAIN_STARTS_PER_MINUTE} chain starts a minute by ${actor.userId}`);
    }
  }

  /**
   * Everything a start names must exist and lie in the caller's scope (the province; for the Trưởng khối, the bloc he
   * leads and its member units): what does not is refused as missing, so a start cannot borrow a real cycle's identity.
   */
  private async checkReferences(actor: Actor, dto: StartChainDto): Promise<void> {
    const unitRole = UNIT_ROLES.includes(actor.role);
    const province = dto.provinceCode;
    if (dto.blocCode !== undefined) {
      const blocs: unknown[] = await this.dataSource.query(`SELECT 1 FROM blocs WHERE province_code = $1 AND code = $2`, [
        province,
        dto.blocCode,
      ]);
      if (blocs.length === 0) throw new DomainException(ErrorCode.BLOC_NOT_FOUND, `no bloc ${dto.blocCode} in ${province}`);
    }
    if (dto.cycleId !== undefined) {
      const cycles: { bloc_code: string }[] = await this.dataSource.query(
        `SELECT bloc_code FROM cycles WHERE id = $1 AND province_code = $2`,
        [dto.cycleId, province],
      );
      const cycle = cycles[0];
      if (!cycle || (dto.blocCode !== undefined && cycle.bloc_code !== dto.blocCode) || (unitRole && !dto.blocCode)) {
        throw new DomainException(
          ErrorCode.CYCLE_NOT_FOUND,
          `no cycle ${dto.cycleId} in ${province}${dto.blocCode ? `/${dto.blocCode}` : ''}`,
        );
      }
    }
    const units = [...new Set(dto.items.flatMap((i) => (i.subjectUnitCode ? [i.subjectUnitCode] : [])))];
    if (units.length > 0) {
      const found: { code: string }[] = await this.dataSource.query(
        unitRole
          ? `SELECT u.code FROM units u JOIN bloc_memberships m ON m.unit_code = u.code JOIN blocs b ON b.id = m.bloc_id
             WHERE u.code = ANY($1) AND u.province_code = $2 AND b.code = $3
               AND (m.valid_to IS NULL OR m.valid_to > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`
          : `SELECT code FROM units WHERE code = ANY($1) AND province_code = $2`,
        unitRole ? [units, province, dto.blocCode ?? ''] : [units, province],
      );
      const missing = units.filter((u) => !found.some((f) => f.code === u));
      if (missing.length > 0) {
        throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${missing.join(', ')} in ${dto.blocCode ?? province}`);
      }
    }
    const people = [...new Set(dto.items.flatMap((i) => (i.subjectUserId ? [i.subjectUserId] : [])))];
    if (people.length > 0) {
      const found: { username: string }[] = await this.dataSource.query(`SELECT username FROM users WHERE username = ANY($1)`, [
        people,
      ]);
      const missing = people.filter((p) => !found.some((f) => f.username === p));
      if (missing.length > 0) throw new DomainException(ErrorCode.USER_NOT_FOUND, `no user ${missing.join(', ')}`);
    }
  }

  private definitionOf(dto: StartChainDto): ChainDefinition {
    if (dto.definitionCode !== undefined) {
      const known = CHAIN_CATALOG[dto.definitionCode];
      if (!known) throw new DomainException(ErrorCode.APPROVAL_CHAIN_INVALID, `no chain ${dto.definitionCode} in the catalog`);
      return known;
    }
    const definition = dto.definition as unknown as ChainDefinition;
    let problems: string[];
    try {
      problems = chainDefinitionProblems(definition);
    } catch {
      problems = ['definition: not a chain definition (code, name, levels[], maxReturnRounds, afterMaxRounds)'];
    }
    if (problems.length > 0) throw new DomainException(ErrorCode.APPROVAL_CHAIN_INVALID, problems.join('; '));
    return JSON.parse(JSON.stringify(definition)) as ChainDefinition;
  }

  private async extraDaysOff(provinceCode: string): Promise<string[]> {
    const rows: { days: string[] | null }[] = await this.dataSource.query(
      `SELECT rules -> 'holidays' AS days FROM rule_sets WHERE province_code = $1 AND valid_from <= now()::date
         AND (valid_to IS NULL OR valid_to >= now()::date)`,
      [provinceCode],
    );
    return Array.isArray(rows[0]?.days) ? rows[0].days.filter((d) => typeof d === 'string') : [];
  }

  private handle(chainId: string): WorkflowHandle {
    if (!isApprovalChainId(chainId)) throw new DomainException(ErrorCode.APPROVAL_CHAIN_NOT_FOUND, 'not an approval chain id');
    return this.client.workflow.getHandle(chainId);
  }

  private async awaitProjected(chainId: string, timeoutMs = 10_000): Promise<ChainView> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const rows: { state: ChainState }[] = await this.dataSource.query(`SELECT state FROM approval_chains WHERE chain_id = $1`, [
        chainId,
      ]);
      if (rows[0]) return view(rows[0].state);
      await new Promise((r) => setTimeout(r, 100));
    }
    return view(await this.handle(chainId).query(chainStateQuery));
  }

  /** The client's request id becomes the update id: a retried decision gets the first decision's answer. */
  private execute<Ret, Cmd>(
    handle: WorkflowHandle,
    def: UpdateDefinition<Ret, [Cmd]>,
    cmd: Cmd,
    requestId?: string,
  ): Promise<Ret> {
    const id = requestId ?? randomUUID();
    const updateId = `${def.name}:${id}`;
    const sealed = { ...cmd, seal: sealFor(handle.workflowId, def.name, Date.now(), updateId) };
    return executeUpdateWithin(handle, def, [sealed], updateId, id, this.config.updateWaitSeconds).catch((error: unknown) => {
      const { code } = mapError(error);
      if (code === ErrorCode.CYCLE_NOT_FOUND)
        throw new DomainException(ErrorCode.APPROVAL_CHAIN_NOT_FOUND, `no approval chain ${handle.workflowId}`);
      throw error;
    });
  }
}

function toDecision(actor: Actor, dto: DecisionDto): DecisionCommand {
  const base = { actor, itemIds: dto.itemIds, ...(dto.actingFor ? { actingFor: dto.actingFor } : {}) };
  if (dto.decision === 'APPROVE') return { ...base, type: 'APPROVE', ...(dto.comment ? { comment: dto.comment } : {}) };
  return { ...base, type: dto.decision, reason: dto.reason ?? '' };
}

function view(state: ChainState): ChainView {
  return {
    ...state,
    log: state.log.map((event) => ({ ...event, label: APPROVAL_EVENT_LABELS_VI[event.type] })),
    status: state.completedAt ? 'COMPLETE' : 'IN_PROGRESS',
    tasks: openTasks(state, new Date().toISOString()),
  };
}
