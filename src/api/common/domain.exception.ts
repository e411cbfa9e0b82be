import { ERROR_SPECS, type ErrorCode } from '../../shared/errors';

/** A refusal decided in the API itself (before Temporal is involved). */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    /**
     * A sentence for people, and who decided first, when the refusal knows them (approval chains); when to try
     * again (the Retry-After header); the request id to re-send (REQUEST_IN_PROGRESS).
     */
    readonly extra: {
      messageVi?: string;
      winner?: unknown;
      retryAfterSeconds?: number;
      requestId?: string;
      /** Per-field problems of a refused write (master data). */
      problems?: { field: string; message: string; messageVi: string }[];
    } = {},
  ) {
    super(detail ?? ERROR_SPECS[code].messageVi);
    this.name = 'DomainException';
  }
}
