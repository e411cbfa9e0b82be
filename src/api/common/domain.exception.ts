import { ERROR_SPECS, type ErrorCode } from '../../shared/errors';

/** A refusal decided in the API itself (before Temporal is involved). */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ?? ERROR_SPECS[code].messageVi);
    this.name = 'DomainException';
  }
}
