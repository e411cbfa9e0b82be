import { ERROR_SPECS, type ErrorCode } from '../../shared/errors';

/** A refusal decided in the API itself (before Temporal is involved). */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    /** A sentence for people, and who decided first, when the refusal knows them (approval chains). */
    readonly extra: { messageVi?: string; winner?: unknown } = {},
  ) {
    super(detail ?? ERROR_SPECS[code].messageVi);
    this.name = 'DomainException';
  }
}
