import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  isGrpcServiceError,
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
const GRPC_FAILED_PRECONDITION = 9;
const GRPC_UNAVAILABLE = 14;

interface Mapped {
  code: ErrorCode;
  detail?: string;
  /** A sentence for people that says more than the code's message (e.g. who decided first). */
  messageVi?: string;
  winner?: unknown;
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

/** Maps every failure to one response shape; unknown failures become 500 without leaking internals. */
export function mapError(err: unknown): Mapped {
  if (err instanceof DomainException) {
    const { messageVi, winner } = err.extra;
    return { code: err.code, detail: err.detail, ...(messageVi ? { messageVi } : {}), ...(winner ? { winner } : {}) };
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
    return { code: ErrorCode.REQUEST_IN_PROGRESS, detail: err.message };
  if (err instanceof HttpException) return mapHttpException(err);
  if (isGrpcServiceError(err)) {
    // FAILED_PRECONDITION: the execution has already completed, so nothing more can be decided on it.
    const grpcCode: number = err.code;
    if (grpcCode === GRPC_FAILED_PRECONDITION) return { code: ErrorCode.WRONG_PHASE, detail: err.details };
    if (grpcCode === GRPC_NOT_FOUND) return { code: ErrorCode.CYCLE_NOT_FOUND, detail: err.details };
    if (grpcCode === GRPC_UNAVAILABLE || grpcCode === GRPC_DEADLINE_EXCEEDED)
      return { code: ErrorCode.TEMPORAL_UNAVAILABLE, detail: err.details };
  }
  return { code: ErrorCode.INTERNAL_ERROR };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const { code, detail, messageVi, winner } = mapError(err);
    const spec = ERROR_SPECS[code];
    if (spec.status >= 500) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    const body: ErrorBody = {
      code,
      message: messageVi ?? spec.messageVi,
      detail,
      status: spec.status,
      ...(winner ? { winner } : {}),
    };
    host.switchToHttp().getResponse<Response>().status(spec.status).json(body);
  }
}
