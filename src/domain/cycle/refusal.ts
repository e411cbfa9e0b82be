import type { Check } from '../outcome';
import type { ErrorCode } from '../../shared/errors';
import type { Decision } from './types';

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

/** A decision's events, or the refusal a rule threw on the way: nothing was applied either way. */
export function refusable<E>(decide: () => E[]): Decision<E> {
  try {
    return { ok: true, events: decide() };
  } catch (error) {
    if (error instanceof CycleRefusal) return { ok: false, code: error.code, detail: error.detail };
    throw error;
  }
}
