import type { ClientInterceptors } from '@temporalio/client';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';
import type * as Resources from '@opentelemetry/resources';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as InstrumentationHttp from '@opentelemetry/instrumentation-http';
import type * as InstrumentationPg from '@opentelemetry/instrumentation-pg';
import type * as TemporalOtelClient from '@temporalio/interceptors-opentelemetry/lib/client';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';

/**
 * OpenTelemetry traces of one process (the API or the worker), exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set. Unset, nothing of the SDK is even
 * loaded: no provider, no instrumentation, no interceptors, so tracing off costs nothing.
 *
 * Must run before `pg` and `http` are first required (the instrumentations patch them on require): each entry point
 * imports its register file (api/tracing-register.ts, worker/tracing-register.ts) first.
 */
export interface Tracing {
  serviceName: string;
  resource: Resource;
  /** Where the Temporal worker's workflow spans (sent through a sink) go too. */
  spanProcessor: SpanProcessor;
  /** False when OTEL_NODE_DISABLED_INSTRUMENTATIONS names `temporal`: no client, workflow or activity interceptor. */
  temporal: boolean;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * Without OTEL_TRACES_SAMPLER: parent-based, one request in ten starting a trace (OTEL_TRACES_SAMPLER_ARG overrides the
 * ratio). Every trace kept costs the decision about half its latency on a 2-core machine (README, Benchmark), one in
 * ten a few per cent; the API decides for the whole trace, the worker follows the parent's flag.
 */
export const DEFAULT_SAMPLE_RATIO = 0.1;

export function defaultSampleRatio(arg: string | undefined): number {
  const ratio = arg === undefined || arg === '' ? NaN : Number(arg);
  return Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : DEFAULT_SAMPLE_RATIO;
}

/** The process's tracing once started; undefined when off. */
export function currentTracing(): Tracing | undefined {
  return active;
}

export function startTracing(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (active || !tracingEnabled(env)) return active;
  // Required lazily: with tracing off none of these modules is loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNode;
  const { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } =
    require('@opentelemetry/sdk-trace-base') as typeof SdkTraceBase;
  const { Resource } = require('@opentelemetry/resources') as typeof Resources;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof Instrumentation;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof InstrumentationHttp;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof InstrumentationPg;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // The names auto-instrumentations-node reads from this variable (http, pg), and `temporal` for the interceptors.
  const disabled = new Set((env.OTEL_NODE_DISABLED_INSTRUMENTATIONS ?? '').split(',').map((s) => s.trim()));
  const serviceName = env.OTEL_SERVICE_NAME || defaultServiceName;
  const resource = new Resource({ 'service.name': serviceName, 'service.namespace': 'thidua' });
  // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself; the processor OTEL_BSP_*.
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  // OTEL_TRACES_SAMPLER (and _ARG) are read by the SDK when set; unset, the production default below.
  const sampler = env.OTEL_TRACES_SAMPLER
    ? undefined
    : new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(defaultSampleRatio(env.OTEL_TRACES_SAMPLER_ARG)) });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor], ...(sampler ? { sampler } : {}) });
  // W3C trace context, and the AsyncLocalStorage context manager that carries a request's span into its handlers.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      ...(disabled.has('http')
        ? []
        : [
            new HttpInstrumentation({
              // Probes and scrapes are not decisions: no trace for them. Outgoing calls (the OTLP export itself) neither.
              ignoreIncomingRequestHook: (req) => /^\/(metrics|v1\/health)(\/|\?|$)/.test(req.url ?? ''),
              ignoreOutgoingRequestHook: () => true,
              // Only the path, never the query string (it may carry a search term or a name).
              requestHook: (span, req) => {
                if ('url' in req && typeof req.url === 'string') span.setAttribute('http.target', req.url.split('?')[0]);
              },
            }),
          ]),
      // The statement text, never its parameters (a ballot's or a password's values travel as parameters).
      ...(disabled.has('pg') ? [] : [new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true })]),
    ],
  });
  active = {
    serviceName,
    resource,
    spanProcessor,
    temporal: !disabled.has('temporal'),
    async shutdown() {
      unregister();
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/** The Temporal client's interceptors: with tracing on, each start and update carries the current span in its headers. */
export function temporalClientInterceptors(): ClientInterceptors | undefined {
  if (!active?.temporal) return undefined;
  const { OpenTelemetryWorkflowClientInterceptor } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@temporalio/interceptors-opentelemetry/lib/client') as typeof TemporalOtelClient;
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
