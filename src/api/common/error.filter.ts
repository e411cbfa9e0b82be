import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Response } from 'express';
import { ERROR_SPECS, ErrorCode, isErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';
import type { ErrorBody } from './error-body';

// gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_NOT_FOUND = 5;
/** Temporal's answer to a query when no worker has polled the task queue recently. */
const NO_WORKER = /no poller seen|worker may be down/i;
const GRPC_FAILED_PRECONDITION = 9;
/**
 * Temporal's WorkflowNotReady (also FAILED_PRECONDITION): an update aborted because the workflow's task was failing at
 * that moment (a worker's transient failure, retried by Temporal). Nothing was recorded; the same request may be re-sent.
 */
const WORKFLOW_NOT_READY = /workflow task in failed state|unexpected workflow task failure|workflow is not ready/i;
const GRPC_UNAVAILABLE = 14;

/** When to try again after the database or Temporal did not answer. */
const UNAVAILABLE_RETRY_SECONDS = 5;
/** When to re-send a decision still in progress. */
const IN_PROGRESS_RETRY_SECONDS = 2;

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the database is not reachable now", not a bug. */
const NET_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const PG_UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not currently accepting connections|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)/i;

function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const { code, message, driverError, cause } = err as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (NET_ERRNOS.has(code) || PG_UNAVAILABLE.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && PG_UNAVAILABLE_MESSAGE.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

interface Mapped {
  code: ErrorCode;
  detail?: string;
  retryAfterSeconds?: number;
  requestId?: string;
  /** A sentence for people that says more than the code's message (e.g. who decided first). */
  messageVi?: string;
  winner?: unknown;
  problems?: { field: string; message: string; messageVi: string }[];
}

/** The details a workflow validator attached to its refusal (see RefusalDetails in src/shared/approval.ts). */
function refusalDetails(failure: ApplicationFailure): Pick<Mapped, 'messageVi' | 'winner'> {
  const first: unknown = failure.details?.[0];
  if (typeof first !== 'object' || first === null) return {};
  const { messageVi, winner } = first as { messageVi?: unknown; winner?: unknown };
  return {
    ...(typeof messageVi === 'string' ? { messageVi } : {}),
    ...(winner !== undefined && winner !== null ? { winner } : {}),
  };
}

function mapHttpException(err: HttpException): Mapped {
  const status = err.getStatus();
  const response = err.getResponse();
  const detail =
    typeof response === 'object' && response !== null && 'message' in response
      ? ([] as unknown[]).concat(response.message).join('; ')
      : err.message;
  if (status === 413) return { code: ErrorCode.PAYLOAD_TOO_LARGE, detail };
  if (status === 404) return { code: ErrorCode.ROUTE_NOT_FOUND, detail };
  if (status === 401) return { code: ErrorCode.UNAUTHENTICATED, detail };
  if (status === 403) return { code: ErrorCode.FORBIDDEN_ACTOR, detail };
  if (status === 400 && /JSON/i.test(detail)) return { code: ErrorCode.MALFORMED_JSON, detail };
  return { code: ErrorCode.VALIDATION_FAILED, detail };
}

/** A 500's log line: the error's stack and its chain of causes (a failed update's cause is the workflow's failure). */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return JSON.stringify(err) ?? 'undefined';
  const lines = [err.stack ?? `${err.name}: ${err.message}`];
  for (let e: unknown = err.cause; e instanceof Error && lines.length < 5; e = e.cause)
    lines.push(`caused by: ${e.name}: ${e.message}`);
  return lines.join('\n');
}

/** Maps every failure to one response shape; unknown failures become 500 without leaking internals. */
export function mapError(err: unknown): Mapped {
  if (err instanceof DomainException) {
    const { messageVi, winner, retryAfterSeconds, requestId, problems } = err.extra;
    return {
      ...(problems ? { problems } : {}),
      code: err.code,
      detail: err.detail,
      ...(messageVi ? { messageVi } : {}),
      ...(winner ? { winner } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      return { code: cause.type, detail: cause.message, ...refusalDetails(cause) };
    }
    return { code: ErrorCode.INTERNAL_ERROR, detail: 'the workflow failed' };
  }
  if (err instanceof WorkflowNotFoundError) return { code: ErrorCode.CYCLE_NOT_FOUND, detail: err.message };
  if (err instanceof WorkflowExecutionAlreadyStartedError) return { code: ErrorCode.CYCLE_ALREADY_EXISTS, detail: err.message };
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return { code: ErrorCode.REQUEST_IN_PROGRESS, detail: err.message, retryAfterSeconds: IN_PROGRESS_RETRY_SECONDS };
  if (err instanceof HttpException) return mapHttpException(err);
  if (isDatabaseUnavailable(err)) {
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      detail: 'the database (PostgreSQL) is not reachable',
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    };
  }
  if (err instanceof ServiceError && isGrpcServiceError(err.cause)) return mapError(err.cause);
  if (isGrpcServiceError(err)) {
    // FAILED_PRECONDITION: the execution has already completed, so nothing more can be decided on it; or, for a query,
    // no worker polls the task queue (all workers down): an outage, not a refusal.
    const grpcCode: number = err.code;
    if (grpcCode === GRPC_FAILED_PRECONDITION && NO_WORKER.test(err.details ?? ''))
      return {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        detail: `no worker is running for the cycles: ${err.details}`,
        retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      };
    if (grpcCode === GRPC_FAILED_PRECONDITION && WORKFLOW_NOT_READY.test(err.details ?? ''))
      return {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        detail: `the cycle's workflow could not take the request now (its task is being retried): ${err.details}`,
        retryAfterSeconds: IN_PROGRESS_RETRY_SECONDS,
      };
    if (grpcCode === GRPC_FAILED_PRECONDITION) return { code: ErrorCode.WRONG_PHASE, detail: err.details };
    if (grpcCode === GRPC_NOT_FOUND) return { code: ErrorCode.CYCLE_NOT_FOUND, detail: err.details };
    if (grpcCode === GRPC_UNAVAILABLE || grpcCode === GRPC_DEADLINE_EXCEEDED)
      return {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        detail: `Temporal is not reachable: ${err.details}`,
        retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      };
  }
  return { code: ErrorCode.INTERNAL_ERROR };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const { code, detail, messageVi, winner, retryAfterSeconds, requestId, problems } = mapError(err);
    const spec = ERROR_SPECS[code];
    if (code === ErrorCode.SERVICE_UNAVAILABLE)
      this.logger.warn(`${detail ?? code}: ${err instanceof Error ? err.message : String(err)}`);
    else if (spec.status >= 500) this.logger.error(describeFailure(err));
    const body: ErrorBody = {
      code,
      message: messageVi ?? spec.messageVi,
      detail,
      status: spec.status,
      ...(winner ? { winner } : {}),
      ...(problems ? { problems } : {}),
      ...(requestId ? { requestId } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
    const res = host.switchToHttp().getResponse<Response>();
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    res.status(spec.status).json(body);
  }
}
