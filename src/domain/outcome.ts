import type { ErrorCode } from '../shared/errors';

/** A pure check either passes or names the error code and what was at fault. */
export type Check = { ok: true } | { ok: false; code: ErrorCode; detail: string };

export const PASS: Check = { ok: true };

export function fail(code: ErrorCode, detail: string): Check {
  return { ok: false, code, detail };
}
