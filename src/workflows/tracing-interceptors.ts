/**
 * The workflow interceptors of a traced worker (bundled only when tracing is on): @temporalio/interceptors-opentelemetry's,
 * called only for a call that carries a sampled trace. Measured (scripts/bench-tracing.mjs, worker thread profiles), the
 * library's interceptors cost about 20 ms of worker CPU per submit and return even when no trace is kept: every call
 * goes through `instrument` (non-recording spans, context switches), each adding promises that the sandbox's promise
 * hook records with a source-mapped stack trace, and each workflow builds its own tracer provider. Sampled out (the
 * parent's flag in the `_tracer-data` header, set by the API's sampler), a call goes straight to `next`, with the same
 * yields the library adds for histories without its flags, so the commands are the same either way.
 *
 * A call without a trace (a timer, a schedule) is not traced here: traces begin where the sampler decides, at the API.
 */
import * as otel from '@opentelemetry/api';
import { TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type {
  ActivityInput,
  ContinueAsNewInput,
  LocalActivityInput,
  QueryInput,
  SignalInput,
  SignalWorkflowInput,
  StartChildWorkflowExecutionInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
  Next,
} from '@temporalio/workflow';
import { getActivator } from '@temporalio/workflow/lib/global-attributes';
import { SdkFlags, type SdkFlag } from '@temporalio/workflow/lib/flags';

/** W3C traceparent `00-<trace id>-<span id>-<flags>`: sampled when the flags' low bit is set. */
function sampledHeader(headers: Headers): boolean {
  const payload = headers[TRACE_HEADER];
  if (!payload) return false;
  const carrier = defaultPayloadConverter.fromPayload<Record<string, string> | undefined>(payload);
  const flags = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-([\da-f]{2})$/.exec(carrier?.traceparent ?? '')?.[1];
  return flags !== undefined && (parseInt(flags, 16) & 1) === 1;
}

/** The current context has a sampled span: only set by the library's interceptors, once a sampled call came in. */
function sampledContext(): boolean {
  const span = otel.trace.getActiveSpan();
  return span !== undefined && (span.spanContext().traceFlags & 1) === 1; // TraceFlags.SAMPLED
}

const has = (flag: SdkFlag) => getActivator().hasFlag(flag);

/** The extra yield the library adds when the history predates its AvoidsExtraYields flag, kept when bypassing it. */
async function libraryYield(): Promise<void> {
  if (!has(SdkFlags.OpenTelemetryInterceporsAvoidsExtraYields)) await Promise.resolve();
}

class SampledInbound implements WorkflowInboundCallsInterceptor {
  private otel?: OpenTelemetryInboundInterceptor;
  private get traced() {
    return (this.otel ??= new OpenTelemetryInboundInterceptor());
  }

  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    if (sampledHeader(input.headers)) return this.traced.execute(input, next);
    await libraryYield();
    return next(input);
  }

  async handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    if (sampledHeader(input.headers)) return this.traced.handleSignal(input, next);
    if (has(SdkFlags.OpenTelemetryInterceptorsTracesInboundSignals)) await libraryYield();
    return next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    return sampledHeader(input.headers) ? this.traced.handleUpdate(input, next) : next(input);
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    if (sampledHeader(input.headers)) this.traced.validateUpdate(input, next);
    else next(input);
  }

  handleQuery(input: QueryInput, next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>): Promise<unknown> {
    return sampledHeader(input.headers) ? this.traced.handleQuery(input, next) : next(input);
  }
}

class SampledOutbound implements WorkflowOutboundCallsInterceptor {
  private otel?: OpenTelemetryOutboundInterceptor;
  private get traced() {
    return (this.otel ??= new OpenTelemetryOutboundInterceptor());
  }

  async scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    if (sampledContext()) return this.traced.scheduleActivity(input, next);
    await libraryYield();
    return next(input);
  }

  async scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) {
    if (sampledContext()) return this.traced.scheduleLocalActivity(input, next);
    if (has(SdkFlags.OpenTelemetryInterceptorsTracesLocalActivities)) await libraryYield();
    return next(input);
  }

  async startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ) {
    if (sampledContext()) return this.traced.startChildWorkflowExecution(input, next);
    await libraryYield();
    return next(input);
  }

  async continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>) {
    if (sampledContext()) return this.traced.continueAsNew(input, next);
    await libraryYield();
    return next(input);
  }

  async signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>) {
    if (sampledContext()) return this.traced.signalWorkflow(input, next);
    await libraryYield();
    return next(input);
  }

  getLogAttributes(
    input: Record<string, unknown>,
    next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>,
  ): Record<string, unknown> {
    return sampledContext() ? this.traced.getLogAttributes(input, next) : next(input);
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new SampledInbound()],
  outbound: [new SampledOutbound()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
