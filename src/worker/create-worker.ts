import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApprovalActivities } from '../activities/approval.activities';
import { createProjectionActivities } from '../activities/projection.activities';
import { createMailActivities } from '../activities/mail.activities';
import { createRoundHandoffActivities } from '../activities/round-projection';
import { CommandSealCodec, type CommandSigningKeys } from '../config/command-codec';
import type * as TemporalOtelClient from '@temporalio/interceptors-opentelemetry/lib/client';
import type * as TemporalOtelWorker from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { Tracing } from '../api/observability/tracing';
import { securitySinks } from './security-sink';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** The API's command-signing keys: the worker's codec verifies every sealed command with them. */
  commandSigning: CommandSigningKeys;
  /** A prebuilt bundle (tests bundle once per file); otherwise the worker bundles `workflowsPath`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** The process's tracing (api/observability/tracing.ts) when on: workflow, activity and client interceptors. */
  tracing?: Tracing;
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const traced = options.tracing?.temporal ? tracingWorkerOptions(options.tracing) : {};
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.identity ? { identity: options.identity } : {}),
    activities: {
      ...createProjectionActivities(options.dataSource),
      ...createApprovalActivities(options.dataSource),
      ...createMailActivities(options.dataSource),
      ...createRoundHandoffActivities(options.dataSource),
    },
    dataConverter: { payloadCodecs: [new CommandSealCodec(options.commandSigning)] },
    sinks: { ...securitySinks(options.dataSource), ...traced.sinks },
    ...(traced.interceptors ? { interceptors: traced.interceptors } : {}),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}

/** The Temporal SDK's OpenTelemetry interceptors' module bundled into the workflow code (only when tracing is on). */
export const WORKFLOW_TRACING_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/**
 * Traced: the workflow interceptors (their spans leave the sandbox through the `exporter` sink, never during replay)
 * continue the update's trace into the activities it schedules; the activity interceptor opens each activity's span
 * from its headers, so the SQL the activity runs (pg instrumentation) is in the same trace. Required lazily: with
 * tracing off the worker loads none of it and bundles no interceptor.
 */
function tracingWorkerOptions(tracing: Tracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof TemporalOtelWorker;
  const { OpenTelemetryWorkflowClientInterceptor } =
    require('@temporalio/interceptors-opentelemetry/lib/client') as typeof TemporalOtelClient;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    interceptors: {
      workflowModules: [WORKFLOW_TRACING_INTERCEPTORS],
      activity: [
        (ctx) => ({
          inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      client: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    },
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
