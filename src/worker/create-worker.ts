import { statSync } from 'node:fs';
import path from 'node:path';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApprovalActivities } from '../activities/approval.activities';
import { createProjectionActivities } from '../activities/projection.activities';
import { createMailActivities } from '../activities/mail.activities';
import { createRoundHandoffActivities } from '../activities/round-projection';
import { CommandSealCodec, type CommandSigningKeys } from '../config/command-codec';
import type { WorkerTuning } from '../config/worker-tuning';
import type * as TemporalOtelClient from '@temporalio/interceptors-opentelemetry/lib/client';
import type * as TemporalOtelWorker from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { Tracing } from '../api/observability/tracing';
import { securitySinks } from './security-sink';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type * as TemporalOtelInstrumentation from '@temporalio/interceptors-opentelemetry/lib/instrumentation';

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
  /** Cache and task-slot sizes (config/worker-tuning.ts); the tests leave the SDK's defaults. */
  tuning?: WorkerTuning;
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * The workflow bundle `npm run build` writes (dist/workflow-bundle.js), while it is newer than the build's last
 * compile (dist/tsconfig.build.tsbuildinfo, which tsc rewrites and the build touches): a worker that bundles at its
 * start keeps webpack in its heap (about 30 MiB) for as long as it runs. Undefined: missing or stale, bundle instead.
 */
export function prebuiltWorkflowBundle(): { codePath: string } | undefined {
  const dist = path.resolve(__dirname, '../../');
  const codePath = path.join(dist, 'workflow-bundle.js');
  const bundled = statSync(codePath, { throwIfNoEntry: false })?.mtimeMs;
  const compiled = statSync(path.join(dist, 'tsconfig.build.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs;
  return bundled !== undefined && compiled !== undefined && bundled >= compiled ? { codePath } : undefined;
}

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const traced = options.tracing?.temporal ? tracingWorkerOptions(options.tracing) : {};
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.identity ? { identity: options.identity } : {}),
    ...options.tuning,
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

/**
 * The Temporal SDK's OpenTelemetry interceptors, called for sampled calls only (workflows/tracing-interceptors.ts),
 * bundled into the workflow code only when tracing is on.
 */
export const WORKFLOW_TRACING_INTERCEPTORS = require.resolve('../workflows/tracing-interceptors');

/**
 * Traced: the workflow interceptors (their spans leave the sandbox through the `exporter` sink, never during replay)
 * continue the update's trace into the activities it schedules; the activity interceptor opens each activity's span
 * from its headers, so the SQL the activity runs (pg instrumentation) is in the same trace. Required lazily: with
 * tracing off the worker loads none of it and bundles no interceptor.
 */
/** The W3C traceparent the workflow interceptors put in an activity's `_tracer-data` header has its sampled flag. */
function sampledHeaders(headers: Headers, traceHeader: string): boolean {
  const payload = headers[traceHeader];
  if (!payload) return false;
  const carrier = defaultPayloadConverter.fromPayload<Record<string, string> | undefined>(payload);
  const flags = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-([\da-f]{2})$/.exec(carrier?.traceparent ?? '')?.[1];
  return flags !== undefined && (parseInt(flags, 16) & 1) === 1;
}

function tracingWorkerOptions(tracing: Tracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof TemporalOtelWorker;
  const { OpenTelemetryWorkflowClientInterceptor } =
    require('@temporalio/interceptors-opentelemetry/lib/client') as typeof TemporalOtelClient;
  const { TRACE_HEADER } =
    require('@temporalio/interceptors-opentelemetry/lib/instrumentation') as typeof TemporalOtelInstrumentation;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    interceptors: {
      workflowModules: [WORKFLOW_TRACING_INTERCEPTORS],
      activity: [
        (ctx) => {
          const traced = new otel.OpenTelemetryActivityInboundInterceptor(ctx);
          return {
            // As in the workflow: an activity whose workflow call was sampled out runs without a span (and so
            // without pg spans, which require a parent).
            inbound: {
              execute: (input, next) => (sampledHeaders(input.headers, TRACE_HEADER) ? traced.execute(input, next) : next(input)),
            },
            outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
          };
        },
      ],
      client: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    },
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
