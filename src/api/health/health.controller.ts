import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { Public } from '../common/actor';
import { Documented } from '../common/documented';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';

/** Each check answers within this time or counts as failed: readiness must not hang with what it checks. */
const CHECK_TIMEOUT_MS = 2000;
/** A worker long-polls for up to about a minute; a poller seen longer ago than this has gone. */
const POLLER_RECENT_SECONDS = 120;
/** TASK_QUEUE_TYPE_WORKFLOW in temporal.api.enums.v1.TaskQueueType. */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/** 'ok', or why the check failed. */
type Check = string;

const CHECKS = ['postgres', 'temporal', 'worker'] as const;

export class LivenessView {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class Readiness {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ type: String, description: "'ok', or why the check failed" })
  postgres: Check;

  @ApiProperty({ type: String, description: "'ok', or why the check failed" })
  temporal: Check;

  @ApiProperty({ type: String, description: "'ok', or why the check failed (no worker polled the task queue lately)" })
  worker: Check;

  @ApiPropertyOptional({ enum: CHECKS, isArray: true, description: 'The checks that failed, when any did' })
  failing?: (typeof CHECKS)[number][];
}

const READINESS_FAILED = {
  status: 503,
  type: Readiness,
  description: 'a check failed: `failing` names which; Retry-After is set',
} as const;

function within<T>(ms: number, what: string, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    run(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
}

/**
 * Liveness (the process answers) and readiness (PostgreSQL answers, Temporal answers, and a worker polls the task
 * queue), each check time-limited. GET /v1/health is readiness, kept for the existing health checks.
 */
@ApiTags('health')
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  @Documented('Liveness: the API process answers (checks nothing else)', { public: true, ok: { type: LivenessView } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get()
  @ApiResponse(READINESS_FAILED)
  @Documented('Readiness (same as /v1/health/ready)', { public: true, ok: { type: Readiness } })
  health(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    return this.ready(res);
  }

  @Public()
  @Get('ready')
  @ApiResponse(READINESS_FAILED)
  @Documented('Readiness: PostgreSQL and Temporal answer and a worker polls the task queue', {
    public: true,
    ok: { type: Readiness },
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const [postgres, temporal, worker] = await Promise.all([
      this.check('PostgreSQL', () => this.dataSource.query('SELECT 1')),
      this.check('Temporal', () => this.client.workflowService.getSystemInfo({})),
      this.check('the worker check', () => this.workerPolls()),
    ]);
    const checks = { postgres, temporal, worker };
    const failing = (Object.keys(checks) as (keyof typeof checks)[]).filter((k) => checks[k] !== 'ok');
    if (failing.length === 0) {
      res.status(200);
      return { status: 'ok', ...checks };
    }
    res.status(503).setHeader('Retry-After', '5');
    return { status: 'unavailable', ...checks, failing };
  }

  private async check(what: string, run: () => Promise<unknown>): Promise<Check> {
    try {
      await within(CHECK_TIMEOUT_MS, what, run);
      return 'ok';
    } catch (error) {
      return reason(error);
    }
  }

  private async workerPolls(): Promise<void> {
    const { taskQueue, namespace } = this.config.temporal;
    const described = await this.client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
      this.client.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const recent = (described.pollers ?? []).some((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return Date.now() / 1000 - seconds < POLLER_RECENT_SECONDS;
    });
    if (!recent) throw new Error(`no worker has polled the task queue ${taskQueue} in the last ${POLLER_RECENT_SECONDS} s`);
  }
}
