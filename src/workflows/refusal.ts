import { ApplicationFailure } from '@temporalio/workflow';
import type { Check } from '../domain/outcome';
import type { ErrorCode } from '../shared/errors';

/** A refused request: thrown from an update validator, so nothing reaches the workflow history. */
export function refuse(code: ErrorCode, detail: string): never {
  throw ApplicationFailure.create({ type: code, message: detail, nonRetryable: true });
}

export function enforce(check: Check): void {
  if (!check.ok) refuse(check.code, check.detail);
}

/** Deep copy of plain data; the workflow sandbox has no structuredClone. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
