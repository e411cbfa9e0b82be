import { randomUUID } from 'node:crypto';
import { CycleChangeFeed } from '../../db/cycle-changes';
import { Inject, Injectable } from '@nestjs/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type UpdateDefinition,
} from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { Role, type Actor } from '../../shared/actors';
import { isStepAnswer } from '../../shared/cycle-types';
import type {
  AssessmentAnswer,
  AssessmentState,
  BoxedPaper,
  CastBallotResult,
  CycleInput,
  CycleState,
  CycleStepResult,
  DecideCommand,
  OpenBallotCommand,
} from '../../shared/cycle-types';
import { sealFor, startSealName } from '../../shared/command-seal';
import { ErrorCode } from '../../shared/errors';
import { assessmentWorkflowId, cycleWorkflowId, parseCycleId } from '../../shared/ids';
import { checkLeader, checkProvince } from '../../domain/authorization';
import {
  assessmentStateQuery,
  castBallotUpdate,
  closeBallotUpdate,
  cycleStateQuery,
  decideUpdate,
  openBallotUpdate,
  restartBallotUpdate,
  sealedPapersQuery,
  updateRuleSetsUpdate,
} from '../../shared/messages';
import {
  BallotKeyError,
  openPaper,
  receiptOf,
  receiptSecretBytes,
  sealPaper,
  tellerPrivateScalar,
  tellerPublicPoint,
} from './ballot-seal';
import { checkBallotPaper, checkSelfVote, LEGACY_PAPER_PAD, paperLength } from '../../domain/ballot-paper';
import type { BallotPaper } from '../../domain/tally';
import { AWARD_TYPES, type RuleSet } from '../../shared/rules';
import { RuleSetEntity } from '../../entities';
import { toDecidingRuleSet } from '../rule-sets/rule-sets.service';
import { CIVIL_SERVICE_SCHEDULES } from '../../domain/calendar/schedules';
import { ruleSetAt } from '../../domain/rule-selection';
import { vietnamDate } from '../../domain/working-days';
import { BLOC_SA, PHASE_SA, PROVINCE_SA, YEAR_SA } from '../../shared/search-attributes';
import { cycleWorkflow } from '../../workflows';
import { executeUpdateWithin } from '../common/bounded-update';
import { governmentFlagQuota } from '../common/government-flag-quota';
import { DomainException } from '../common/domain.exception';
import { cycleMembershipDate } from '../../domain/organisation';
import { EligibilityService } from '../eligibility/eligibility.service';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { StartCycleDto } from './dto/start-cycle.dto';

const WORKFLOW_ID = /^[A-Za-z0-9_.-]{1,200}$/;

/** The memo key holding the id of the request that started a cycle's workflow. */
const START_REQUEST_MEMO = 'startRequestId';

/** Sends people's decisions to the workflows. Reads are served from PostgreSQL by the read-model module. */
@Injectable()
export class CyclesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityService,
    private readonly changes: CycleChangeFeed,
  ) {}

  /**
   * Starts the bloc's cycle for the year. The start is the request's: its id (the client's x-request-id, or a new one)
   * goes into the workflow's memo, so a re-sent start (after a 202, or a lost answer) is recognised and answered as the
   * first was, not refused as CYCLE_ALREADY_EXISTS; another request for a bloc and year that has its cycle is refused.
   */
  async start(actor: Actor, dto: StartCycleDto, requestId: string = randomUUID()): Promise<CycleState> {
    if (actor.role !== Role.ADMIN && actor.role !== Role.BOARD_HEAD) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only an admin or the head of the board starts a cycle');
    }
    const scope = checkProvince(actor, dto.provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    const mode = dto.mode ?? 'LIVE';
    const thisYear = Number(vietnamDate(new Date()).slice(0, 4));
    if (mode === 'RECORD' && dto.year > thisYear)
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        `mode: the record of a past year cannot be of ${dto.year}, which has not begun; start it as LIVE`,
      );
    const unsealedInput: CycleInput = { ...(await this.cycleInput(dto)), startedBy: actor, mode };
    const existing: unknown[] = await this.dataSource.query(`SELECT 1 FROM cycles WHERE id = $1`, [unsealedInput.cycleId]);
    if (existing.length > 0) return this.startedBefore(unsealedInput.cycleId, requestId);
    const input: CycleInput = {
      ...unsealedInput,
      seal: sealFor(unsealedInput.cycleId, startSealName(cycleWorkflow.name), Date.now()),
    };
    const started = await this.client.workflow
      .start(cycleWorkflow, {
        workflowId: input.cycleId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        memo: { [START_REQUEST_MEMO]: requestId },
        // A run that failed (e.g. a forged, unsealed start refused at once) must not hold the id; a cycle that ran has its
        // read-model row, refused above.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: [
          { key: PROVINCE_SA, value: input.provinceCode },
          { key: BLOC_SA, value: input.blocCode },
          { key: YEAR_SA, value: input.year },
          { key: PHASE_SA, value: 'LAUNCH' },
        ],
      })
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
          throw err;
        },
      );
    if (!started) return this.startedBefore(input.cycleId, requestId);
    return this.startedView(input.cycleId, requestId);
  }

  /** A start whose cycle exists: the same request sent again is answered as the first; any other is refused. */
  private async startedBefore(cycleId: string, requestId: string): Promise<CycleState> {
    const memo = await this.client.workflow
      .getHandle(cycleId)
      .describe()
      .then(
        (d) => d.memo,
        () => undefined,
      );
    if (memo?.[START_REQUEST_MEMO] !== requestId)
      throw new DomainException(ErrorCode.CYCLE_ALREADY_EXISTS, `cycle ${cycleId} exists`);
    return this.startedView(cycleId, requestId);
  }

  /**
   * The started cycle's view from the read model. The workflow is durable once started; when its first projection has
   * not shown within the wait (a province starting its 141 blocs at once on a swamped worker), the answer is 202 with
   * the request id, and the same request sent again later answers from the read model (asking the workflow instead
   * would wait on that same worker).
   */
  private async startedView(cycleId: string, requestId: string): Promise<CycleState> {
    const view = await this.awaitReadModel(cycleId);
    if (view) return view;
    throw new DomainException(
      ErrorCode.REQUEST_IN_PROGRESS,
      `cycle ${cycleId} is starting; re-send the request with x-request-id: ${requestId}`,
      { requestId, retryAfterSeconds: 2 },
    );
  }

  /**
   * Answer only once the read model shows the new cycle, so a read right after the start finds it; its view answers.
   * The workflow is started (durable) by then: under load (a province starting its 141 blocs at once) its first
   * projection can take seconds, so this waits up to 30 s, woken by the projection's announcement (CycleChangeFeed),
   * not by polling; it never asks the workflow, which a busy worker may not answer.
   */
  private async awaitReadModel(cycleId: string, timeoutMs = 30_000): Promise<CycleState | undefined> {
    return this.changes.until(cycleId, timeoutMs, async () => {
      const rows: { state: CycleState }[] = await this.dataSource.query(`SELECT state FROM cycles WHERE id = $1`, [cycleId]);
      return rows[0]?.state;
    });
  }

  /**
   * What the API checks before it sends a decision (members, the ballot's key, the province), from the read model:
   * every accepted step is projected before it answers, so it is as current as a query, without a workflow task. The
   * workflow's validator decides again on its own state. A cycle not in the read model yet is asked directly.
   */
  private async currentView(handle: WorkflowHandle): Promise<CycleState> {
    const rows: { state: CycleState }[] = await this.dataSource.query(`SELECT state FROM cycles WHERE id = $1`, [
      handle.workflowId,
    ]);
    return rows[0]?.state ?? handle.query(cycleStateQuery);
  }

  /** Membership, leadership and the rule snapshot for the year, read once at start and fixed for the cycle. */
  private async cycleInput(dto: StartCycleDto): Promise<CycleInput> {
    const blocs: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM blocs WHERE province_code = $1 AND code = $2`,
      [dto.provinceCode, dto.blocCode],
    );
    const bloc = blocs[0];
    if (!bloc) throw new DomainException(ErrorCode.BLOC_NOT_FOUND, `no bloc ${dto.blocCode} in province ${dto.provinceCode}`);
    // The membership in force on 1 January of the year; the cycle keeps it (cycle_units) whatever moves later.
    const units: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT u.code, u.name FROM bloc_memberships m JOIN units u ON u.code = m.unit_code
       WHERE m.bloc_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2)
       ORDER BY u.code`,
      [bloc.id, cycleMembershipDate(dto.year)],
    );
    if (units.length < 2)
      throw new DomainException(ErrorCode.BLOC_NOT_FOUND, `bloc ${dto.blocCode} has fewer than 2 members in ${dto.year}`);
    const leadership: { leader_unit_code: string; deputy_unit_code: string }[] = await this.dataSource.query(
      `SELECT leader_unit_code, deputy_unit_code FROM bloc_leaderships WHERE bloc_id = $1 AND year = $2`,
      [bloc.id, dto.year],
    );
    const lead = leadership[0];
    if (!lead)
      throw new DomainException(ErrorCode.NO_LEADERSHIP, `no Trưởng khối/Phó khối recorded for ${dto.blocCode} in ${dto.year}`);
    const ruleSets = await this.ruleSets(dto.provinceCode);
    const current = ruleSetAt(ruleSets, vietnamDate(new Date())) ?? ruleSets[ruleSets.length - 1];
    if (!current) throw new DomainException(ErrorCode.NO_RULE_SET_IN_FORCE, `province ${dto.provinceCode} has no rule set`);
    return {
      cycleId: cycleWorkflowId(dto.provinceCode, dto.blocCode, dto.year),
      provinceCode: dto.provinceCode,
      blocCode: dto.blocCode,
      blocName: bloc.name,
      year: dto.year,
      units,
      leaderUnit: lead.leader_unit_code,
      deputyUnit: lead.deputy_unit_code,
      rules: current.rules,
      ruleSets,
      calendar: [...CIVIL_SERVICE_SCHEDULES],
    };
  }

  /** All rule sets of a province, oldest first. */
  async ruleSets(provinceCode: string): Promise<RuleSet[]> {
    const rows = await this.dataSource
      .getRepository(RuleSetEntity)
      .find({ where: { provinceCode }, order: { validFrom: 'ASC' } });
    return rows.map(toDecidingRuleSet);
  }

  /**
   * Delivers a province's rule sets to each of its running cycles after an admin publishes or edits one.
   * Decisions already made keep the version they recorded. Answers with the cycles reached and any failure.
   */
  async deliverRuleSets(actor: Actor, provinceCode: string): Promise<{ cycleId: string; delivered: boolean; error?: string }[]> {
    const ruleSets = await this.ruleSets(provinceCode);
    const cycles: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM cycles WHERE province_code = $1 AND status = 'ACTIVE' ORDER BY id`,
      [provinceCode],
    );
    const results: { cycleId: string; delivered: boolean; error?: string }[] = [];
    for (const cycle of cycles) {
      try {
        await this.execute(this.cycleHandle(cycle.id), updateRuleSetsUpdate, { actor, ruleSets });
        results.push({ cycleId: cycle.id, delivered: true });
      } catch (err) {
        results.push({ cycleId: cycle.id, delivered: false, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return results;
  }

  /**
   * Opens the ballot with each candidate's eligibility on the conference date, computed here from the
   * recorded conditions, ratings and negative lists; the workflow refuses an ineligible candidate.
   */
  async openBallot(
    cycleId: string,
    actor: Actor,
    cmd: Omit<OpenBallotCommand, 'actor' | 'eligibility'>,
    requestId?: string,
  ): Promise<CycleState> {
    const handle = this.cycleHandle(cycleId);
    const state = await this.currentView(handle);
    const members = new Set(state.units.map((u) => u.code));
    const awards = AWARD_TYPES.filter((a) => (cmd.candidates[a] ?? []).length > 0);
    const units = [...new Set(awards.flatMap((a) => cmd.candidates[a] ?? []))].filter((u) => members.has(u));
    const heldOn = state.conference?.heldOn;
    const eligibility =
      heldOn && heldOn >= `${state.year}-01-01`
        ? (await this.eligibility.evaluate(units, awards, state.year, heldOn)).filter((r) =>
            (cmd.candidates[r.award] ?? []).includes(r.unitCode),
          )
        : [];
    if (!cmd.tellerKey || !tellerPublicPoint(cmd.tellerKey))
      throw new DomainException(ErrorCode.BALLOT_KEY_INVALID, 'tellerKey must be a P-256 public key (SPKI, base64)');
    return this.step(handle, openBallotUpdate, { actor, ...cmd, eligibility }, requestId);
  }

  /**
   * Secret ballot: the paper is checked here, then sealed to the teller's public key with an ephemeral key
   * derived from the voter's receipt secret, and the vote and its sealed paper go to the workflow as one
   * update (one atomic fact). The same request seals to the same bytes, so a retry (even after an API crash or
   * after the close) is answered from the first update and counts once, and a changed retry is refused.
   */
  async castBallot(
    cycleId: string,
    actor: Actor,
    paper: BallotPaper,
    receiptSecret: string,
    requestId?: string,
  ): Promise<CycleState & { receipt: string }> {
    if (!receiptSecretBytes(receiptSecret))
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'receiptSecret must be at least 128 random bits, base64url');
    const handle = this.cycleHandle(cycleId);
    const before = await this.currentView(handle);
    const scope = checkProvince(actor, before.provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    const ballot = before.ballot;
    if (!ballot?.tellerKey) {
      throw new DomainException(
        ErrorCode.WRONG_STATE,
        ballot ? 'this ballot has no teller key; the Trưởng khối restarts the round with one' : 'no ballot is open',
      );
    }
    const sealed = sealPaper(paper, receiptSecret, ballot.tellerKey, paperLength(ballot));
    // A retry of a vote sealed before papers were sized by their ballot carries the paper at the old length.
    const legacy = () => sealPaper(paper, receiptSecret, ballot.tellerKey as string, LEGACY_PAPER_PAD);
    // A unit that already voted in this round can only be retrying (answered from the first update) or refused.
    if (ballot.status === 'OPEN' && before.conference && !ballot.voted.includes(actor.unitCode ?? '')) {
      const rules = await this.rulesOn(before.provinceCode, before.conference.heldOn);
      for (const check of [
        checkBallotPaper(ballot, rules, before.units.length, paper),
        checkSelfVote(rules, actor.unitCode ?? '', paper),
      ]) {
        if (check.ok) continue;
        // A retry of a vote from an earlier round: its paper fits that round, not this one; answer it as it was.
        const earlier = requestId ? await this.earlierVote(handle, requestId) : undefined;
        if (!earlier) throw new DomainException(check.code, check.detail);
        return this.answerVote(earlier, sealed, ballot, receiptSecret, legacy);
      }
    }
    const result = await this.execute(handle, castBallotUpdate, { actor, sealed }, requestId);
    return this.answerVote(result, sealed, ballot, receiptSecret, legacy);
  }

  /** A cycle step: the update answers which version it wrote, and the view is read from the read model. */
  async step<Cmd extends { actor: Actor }>(
    handle: WorkflowHandle,
    def: UpdateDefinition<CycleStepResult, [Cmd]>,
    cmd: Cmd,
    requestId?: string,
  ): Promise<CycleState> {
    return this.viewAfter(await this.execute(handle, def, cmd, requestId));
  }

  /**
   * The view a step's answer stands for, projected before the update answered: its version's snapshot (the cycle may
   * have moved on since, by itself), or the first one after it where a later projection landed first. Updates recorded
   * before issue 17 answered the view itself.
   */
  private async viewAfter(result: CycleStepResult): Promise<CycleState> {
    if (!isStepAnswer(result)) return result;
    const rows: { state: CycleState }[] = await this.dataSource.query(
      `SELECT state FROM cycle_snapshots WHERE cycle_id = $1 AND version >= $2 ORDER BY version LIMIT 1`,
      [result.cycleId, result.version],
    );
    if (!rows[0]) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `cycle ${result.cycleId} is not in the read model`);
    return rows[0].state;
  }

  /** The first answer to a vote request, when the workflow took one under this request id. */
  private async earlierVote(handle: WorkflowHandle, requestId: string): Promise<CastBallotResult | undefined> {
    try {
      return await handle.getUpdateHandle<CastBallotResult>(`${castBallotUpdate.name}:${requestId}`).result();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  private async answerVote(
    result: CastBallotResult,
    sealed: string,
    ballot: NonNullable<CycleState['ballot']>,
    receiptSecret: string,
    legacy: () => string,
  ): Promise<CycleState & { receipt: string }> {
    const { sealed: held, ...after } = result;
    if (after.ballot && after.ballot.round === ballot.round && (after.ballot.restarts ?? 0) !== (ballot.restarts ?? 0)) {
      throw new DomainException(ErrorCode.BALLOT_RESTARTED, `round ${ballot.round} was run again after this vote; vote again`);
    }
    if (held !== sealed && held !== legacy()) {
      throw new DomainException(ErrorCode.REQUEST_ID_REUSED, 'this request id already carried a different ballot paper');
    }
    const view = await this.viewAfter(after);
    return { ...view, receipt: receiptOf(receiptSecret) };
  }

  /**
   * The count: the teller's private key (from the request, never logged nor stored) opens the round's sealed
   * papers in this process's memory; they go to the workflow sorted by receipt, never in the order they came.
   */
  async closeBallot(cycleId: string, actor: Actor, tellerPrivateKey: string, requestId?: string): Promise<CycleState> {
    const handle = this.cycleHandle(cycleId);
    const state = await this.currentView(handle);
    const ballot = state.ballot;
    if (!ballot?.tellerKey) {
      throw new DomainException(
        ErrorCode.WRONG_STATE,
        ballot ? 'this ballot has no teller key; the Trưởng khối restarts the round with one' : 'no ballot is open',
      );
    }
    // Only the Trưởng khối's close opens papers (the workflow checks again); anyone else is refused before any.
    for (const check of [checkProvince(actor, state.provinceCode), checkLeader(actor, state.leaderUnit, state.blocCode)]) {
      if (!check.ok) throw new DomainException(check.code, check.detail);
    }
    let papers: BoxedPaper[] = [];
    // A retried close after the round moved on is answered from the first update; nothing to open then.
    if (ballot.status === 'OPEN') {
      const sealed = await handle.query(sealedPapersQuery);
      try {
        const scalar = tellerPrivateScalar(tellerPrivateKey, ballot.tellerKey);
        papers = sealed.papers.map((p) => openPaper(p, scalar));
      } catch (err) {
        if (err instanceof BallotKeyError) throw new DomainException(ErrorCode.BALLOT_KEY_INVALID, err.message);
        throw err;
      }
      papers.sort((a, b) => ((a.receipt ?? '') < (b.receipt ?? '') ? -1 : 1));
    }
    return this.step(handle, closeBallotUpdate, { actor, papers }, requestId);
  }

  /** The teller key was lost: the round is run again under a new key (Trưởng khối, while the round is open). */
  restartBallot(cycleId: string, actor: Actor, reason: string, tellerKey: string, requestId?: string): Promise<CycleState> {
    if (!tellerPublicPoint(tellerKey))
      throw new DomainException(ErrorCode.BALLOT_KEY_INVALID, 'tellerKey is not a P-256 public key');
    return this.step(this.cycleHandle(cycleId), restartBallotUpdate, { actor, reason, tellerKey }, requestId);
  }

  /**
   * The chairman's decision, with the province's Cờ thi đua của Chính phủ quota counted here over the blocs and
   * clusters its master data registers for the year (see governmentFlagQuota).
   */
  async decide(cycleId: string, cmd: Omit<DecideCommand, 'governmentFlagQuota'>, requestId?: string): Promise<CycleState> {
    const handle = this.cycleHandle(cycleId);
    const state = await this.currentView(handle);
    const set = ruleSetAt(await this.ruleSets(state.provinceCode), cmd.decisionDate);
    const quota = await governmentFlagQuota(
      this.dataSource.manager,
      state.provinceCode,
      state.year,
      set?.rules.governmentFlagQuota,
    );
    return this.step(handle, decideUpdate, { ...cmd, governmentFlagQuota: quota }, requestId);
  }

  private async rulesOn(provinceCode: string, date: string) {
    const set = ruleSetAt(await this.ruleSets(provinceCode), date);
    if (!set) throw new DomainException(ErrorCode.NO_RULE_SET_IN_FORCE, `no rule set of ${provinceCode} is in force on ${date}`);
    return set.rules;
  }

  /**
   * A step's answer as its caller reads it: the whole sheet (sheets of cycles started before `lean-history`), or the
   * sheet's row at or after the version the step wrote, which its projection committed before the step answered.
   */
  async sheetAfter(answer: AssessmentAnswer): Promise<AssessmentState> {
    if ('rounds' in answer) return answer;
    const rows: { view: AssessmentState | null }[] = await this.dataSource.query(
      `SELECT assessment_view AS view FROM cycle_units WHERE cycle_id = $1 AND unit_code = $2 AND assessment_version >= $3`,
      [answer.cycleId, answer.unitCode, answer.version],
    );
    const view = rows[0]?.view;
    if (view) return view;
    // Not reached while projections commit before their step answers; the workflow's own view is still the truth.
    return this.client.workflow.getHandle(assessmentWorkflowId(answer.cycleId, answer.unitCode)).query(assessmentStateQuery);
  }

  /** Whether the cycle is in SELF_ASSESSMENT and the unit's sheet has not reached the read model yet (it is opening). */
  async sheetOpening(cycleId: string, unitCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM cycles c JOIN cycle_units u ON u.cycle_id = c.id
       WHERE c.id = $1 AND u.unit_code = $2 AND c.phase = 'SELF_ASSESSMENT' AND u.assessment_status IS NULL`,
      [cycleId, unitCode],
    );
    return rows.length > 0;
  }

  cycleHandle(cycleId: string): WorkflowHandle {
    if (!WORKFLOW_ID.test(cycleId)) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, 'malformed cycle id');
    return this.client.workflow.getHandle(cycleId);
  }

  assessmentHandle(cycleId: string, unitCode: string): WorkflowHandle {
    if (!WORKFLOW_ID.test(cycleId) || !/^[A-Za-z0-9_-]{1,64}$/.test(unitCode)) {
      throw new DomainException(ErrorCode.UNIT_NOT_FOUND, 'malformed cycle id or unit code');
    }
    return this.client.workflow.getHandle(assessmentWorkflowId(cycleId, unitCode));
  }

  /**
   * One path for every decision: the workflow's validator checks actor, phase and payload. The update id
   * is derived from the client's request id, so a retried request gets the first request's answer.
   */
  execute<Ret, Cmd extends { actor: Actor }>(
    handle: WorkflowHandle,
    def: UpdateDefinition<Ret, [Cmd]>,
    cmd: Cmd,
    requestId?: string,
  ): Promise<Ret> {
    const cycle = parseCycleId(handle.workflowId.replace(/\.assessment\.[A-Za-z0-9_-]+$/, ''));
    if (cycle) {
      const scope = checkProvince(cmd.actor, cycle.provinceCode);
      if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    }
    const id = requestId ?? randomUUID();
    const updateId = `${def.name}:${id}`;
    const sealed = { ...cmd, seal: sealFor(handle.workflowId, def.name, Date.now(), updateId) };
    return executeUpdateWithin(handle, def, [sealed], updateId, id, this.config.updateWaitSeconds);
  }
}
