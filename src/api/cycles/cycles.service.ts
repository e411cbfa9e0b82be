import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy, type UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { Role, type Actor } from '../../shared/actors';
import type { CycleInput, CycleState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { assessmentWorkflowId, cycleWorkflowId } from '../../shared/ids';
import { cycleStateQuery } from '../../shared/messages';
import type { ProvinceRules } from '../../shared/rules';
import { BLOC_SA, PHASE_SA, PROVINCE_SA, YEAR_SA } from '../../shared/search-attributes';
import { cycleWorkflow } from '../../workflows';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { StartCycleDto } from './dto/start-cycle.dto';

const WORKFLOW_ID = /^[A-Za-z0-9_.-]{1,200}$/;

/** Sends people's decisions to the workflows. Reads are served from PostgreSQL by the read-model module. */
@Injectable()
export class CyclesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async start(actor: Actor, dto: StartCycleDto): Promise<CycleState> {
    if (actor.role !== Role.ADMIN && actor.role !== Role.BOARD_HEAD) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only an admin or the head of the board starts a cycle');
    }
    const input = await this.cycleInput(dto);
    const handle = await this.client.workflow.start(cycleWorkflow, {
      workflowId: input.cycleId,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: PROVINCE_SA, value: input.provinceCode },
        { key: BLOC_SA, value: input.blocCode },
        { key: YEAR_SA, value: input.year },
        { key: PHASE_SA, value: 'LAUNCH' },
      ],
    });
    const state = await handle.query(cycleStateQuery);
    await this.awaitReadModel(input.cycleId);
    return state;
  }

  /** Answer only once the read model shows the new cycle, so a read right after the start finds it. */
  private async awaitReadModel(cycleId: string, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM cycles WHERE id = $1`, [cycleId]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Membership, leadership and the rule snapshot for the year, read once at start and fixed for the cycle. */
  private async cycleInput(dto: StartCycleDto): Promise<CycleInput> {
    const blocs: { id: string; name: string; rules: ProvinceRules }[] = await this.dataSource.query(
      `SELECT b.id, b.name, p.rules FROM blocs b JOIN provinces p ON p.code = b.province_code
       WHERE b.province_code = $1 AND b.code = $2`,
      [dto.provinceCode, dto.blocCode],
    );
    const bloc = blocs[0];
    if (!bloc) throw new DomainException(ErrorCode.BLOC_NOT_FOUND, `no bloc ${dto.blocCode} in province ${dto.provinceCode}`);
    const units: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT u.code, u.name FROM bloc_memberships m JOIN units u ON u.code = m.unit_code
       WHERE m.bloc_id = $1 AND m.from_year <= $2 AND (m.to_year IS NULL OR m.to_year >= $2)
       ORDER BY u.code`,
      [bloc.id, dto.year],
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
    return {
      cycleId: cycleWorkflowId(dto.provinceCode, dto.blocCode, dto.year),
      provinceCode: dto.provinceCode,
      blocCode: dto.blocCode,
      blocName: bloc.name,
      year: dto.year,
      units,
      leaderUnit: lead.leader_unit_code,
      deputyUnit: lead.deputy_unit_code,
      rules: bloc.rules,
    };
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
  execute<Ret, Cmd>(handle: WorkflowHandle, def: UpdateDefinition<Ret, [Cmd]>, cmd: Cmd, requestId?: string): Promise<Ret> {
    return handle.executeUpdate(def, { args: [cmd], updateId: `${def.name}:${requestId ?? randomUUID()}` });
  }
}
