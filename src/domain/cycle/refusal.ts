import type { Check } from '../outcome';
import type { ErrorCode } from '../../shared/errors';

/** A step refused by the machine; `decideStep` turns it into a refusal, so nothing is applied. */
export class CycleRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function refuse(code: ErrorCode, detail: string): never {
  throw new CycleRefusal(code, detail);
}

export function enforce(check: Check): void {
  if (!check.ok) refuse(check.code, check.detail);
}
